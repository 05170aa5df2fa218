package io.trunkline.camel.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The CDR sources file: every format, defaults, and a bad file refused naming the key. */
class CdrSourcesTest {

    private static Properties config(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static List<CdrSource> sources(String text) throws Exception {
        return CdrSources.from(config(text), Path.of("/inbox"), pbx -> pbx.equals("hq-cucm") ? ZoneId.of("America/New_York") : null);
    }

    @Test
    void everyFormatIsBuiltWithItsDefaults() throws Exception {
        List<CdrSource> s = sources("""
                cdr.source.hq-cucm.format=cucm
                cdr.source.hq-cucm.pbx=hq-cucm
                cdr.source.branch.format=asterisk
                cdr.source.branch.pbx=branch-asterisk
                cdr.source.branch.zone=America/Chicago
                cdr.source.fs.format=freeswitch
                cdr.source.fs.pbx=fs
                cdr.source.fs.inbox=/var/spool/fs
                cdr.source.teams.format=teams
                cdr.source.teams.pbx=london-teams
                cdr.source.teams.sftp=sftp://cdr@10.0.3.10:22/exports?password=secret
                cdr.source.carrier-a.format=carrier-csv
                cdr.source.carrier-a.carrier=carrier-a
                cdr.source.carrier-a.country=gb
                cdr.source.carrier-a.columns=key:Id,calling:A,called:B,start:S,duration:D
                """);
        assertThat(s).extracting(CdrSource::id).containsExactly("branch", "carrier-a", "fs", "hq-cucm", "teams");
        assertThat(s).extracting(c -> c.format().getClass().getSimpleName()).containsExactly("AsteriskCdrCsvParser",
                "CarrierCdrCsvParser", "FreeSwitchCdrCsvParser", "CucmCdrParser", "TeamsCallRecordParser");
        assertThat(s.get(3).zone()).as("the PBX's zone from master data").isEqualTo(ZoneId.of("America/New_York"));
        assertThat(s.get(2).zone()).as("unknown PBX, no zone: UTC").isEqualTo(ZoneId.of("UTC"));
        assertThat(s.get(0).zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(s.get(2).inbox()).isEqualTo("/var/spool/fs");
        assertThat(s.get(3).inbox()).isEqualTo(Path.of("/inbox", "hq-cucm").toString());
        assertThat(s.get(1).country()).isEqualTo("GB");
        assertThat(s.get(1).isPbx()).isFalse();
        assertThat(s.get(4).sftp()).startsWith("sftp://cdr@10.0.3.10:22/exports");
    }

    @Test
    void aBadSourceIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> sources("cdr.source.x.pbx=x"))
                .hasMessage("cdr.source.x.format is required");
        assertThatThrownBy(() -> sources("cdr.source.x.format=avaya\ncdr.source.x.pbx=x"))
                .hasMessage("cdr.source.x.format: 'avaya' is not asterisk, freeswitch, cucm, teams or carrier-csv");
        assertThatThrownBy(() -> sources("cdr.source.x.format=asterisk\ncdr.source.x.pbx=x\ncdr.source.x.carrier=y"))
                .hasMessage("cdr.source.x.pbx / cdr.source.x.carrier: name exactly one of them");
        assertThatThrownBy(() -> sources("cdr.source.x.format=asterisk\ncdr.source.x.pbx=x\ncdr.source.x.zone=Mars/Base"))
                .hasMessageStartingWith("cdr.source.x.zone:");
        assertThatThrownBy(() -> sources("cdr.source.x.format=asterisk\ncdr.source.x.pbx=x\ncdr.source.x.charset=UTF-16"))
                .hasMessage("cdr.source.x.charset: UTF-16 is not ASCII-compatible");
        assertThatThrownBy(() -> sources("cdr.source.x.format=asterisk\ncdr.source.x.pbx=x\ncdr.source.x.sftp=ftp://h/d"))
                .hasMessage("cdr.source.x.sftp: 'ftp://h/d' is not an sftp:// URI");
        assertThatThrownBy(() -> sources("cdr.source.X_1.format=asterisk\ncdr.source.X_1.pbx=x"))
                .hasMessageStartingWith("cdr.source.X_1.*: source id 'X_1' is not lower-case letters");
        assertThatThrownBy(() -> sources("cdr.source.c.format=carrier-csv\ncdr.source.c.carrier=c"))
                .hasMessage("cdr.source.c.columns is required");
    }
}
