/**
 * The console: server-rendered pages for analysts (rulebooks, drafts, replays), compliance officers (tasks,
 * workflows, evidence) and ops engineers (health, trunks, metrics, alerts, ingest, call search), on the same
 * application services as the REST API. Login through the platform's realm with a form ({@link LoginServlet});
 * every page and action checked against the user's roles ({@link ConsoleSection}), every state-changing request
 * against the session's CSRF token ({@link Csrf}), every answer sent with the security headers ({@link ConsoleFilter}).
 */
package io.trunkline.web.console;
