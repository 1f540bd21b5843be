/**
 * Alliances (consortia): unionId, platform type, creator organization, name, member organizations.
 * {@code /api/v1/alliances}. Create (with invitations), join (every current member approves), leave and delete
 * (creator only) are tasks ({@link io.chainwatch.registry.alliance.AllianceTasks}); the API answers 202 with the
 * task to follow at {@code /api/v1/tasks/{id}}. Invited organizations accept or decline directly.
 */
package io.chainwatch.registry.alliance;
