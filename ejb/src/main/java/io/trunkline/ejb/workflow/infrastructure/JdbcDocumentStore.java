package io.trunkline.ejb.workflow.infrastructure;

import io.trunkline.ejb.workflow.api.DocumentView;
import io.trunkline.ejb.workflow.api.StoredDocument;
import io.trunkline.ejb.workflow.domain.DocumentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.enterprise.context.Dependent;
import javax.inject.Inject;
import javax.sql.DataSource;

/** The table workflow_document in plain JDBC, in the caller's JTA transaction. */
@Dependent
public class JdbcDocumentStore implements DocumentStore {

    private static final String VIEW = "id, process_instance_id, name, kind, content_type, size_bytes, sha256, added_by, added_at";

    private final DataSource dataSource;

    @Inject
    public JdbcDocumentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public DocumentView add(NewDocument d) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO workflow_document (process_instance_id, name, kind, "
                     + "content_type, size_bytes, sha256, content, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     + "RETURNING id")) {
            ps.setLong(1, d.workflowId());
            ps.setString(2, d.name());
            ps.setString(3, d.kind());
            ps.setString(4, d.contentType());
            ps.setLong(5, d.content().length);
            ps.setString(6, d.sha256());
            ps.setBytes(7, d.content());
            ps.setString(8, d.addedBy());
            ps.setTimestamp(9, Timestamp.from(d.addedAt()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new DocumentView(rs.getLong(1), d.workflowId(), d.name(), d.kind(), d.contentType(),
                        d.content().length, d.sha256(), d.addedBy(), d.addedAt());
            }
        }
    }

    @Override
    public List<DocumentView> forInstance(long workflowId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + VIEW
                     + " FROM workflow_document WHERE process_instance_id = ? ORDER BY id")) {
            ps.setLong(1, workflowId);
            List<DocumentView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(view(rs));
                }
            }
            return out;
        }
    }

    @Override
    public Optional<StoredDocument> find(long workflowId, long documentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + VIEW
                     + ", content FROM workflow_document WHERE process_instance_id = ? AND id = ?")) {
            ps.setLong(1, workflowId);
            ps.setLong(2, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredDocument(view(rs), rs.getBytes("content"))) : Optional.empty();
            }
        }
    }

    private static DocumentView view(ResultSet rs) throws SQLException {
        return new DocumentView(rs.getLong("id"), rs.getLong("process_instance_id"), rs.getString("name"),
                rs.getString("kind"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                rs.getString("added_by"), rs.getTimestamp("added_at").toInstant());
    }
}
