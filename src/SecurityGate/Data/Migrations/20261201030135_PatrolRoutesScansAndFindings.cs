using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.SecurityGate.Data.Migrations
{
    /// <inheritdoc />
    public partial class PatrolRoutesScansAndFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "patrol_findings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    needs_reception = table.Column<bool>(type: "boolean", nullable: false),
                    needs_repair = table.Column<bool>(type: "boolean", nullable: false),
                    reported_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patrol_findings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "patrol_routes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    start_times = table.Column<List<TimeOnly>>(type: "time without time zone[]", nullable: false),
                    scheduled_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    checkpoints = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patrol_routes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "patrol_scans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    guard = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    visit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patrol_scans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sla_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    notified_role = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "checkpoint_visits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    route_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    checkpoint_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    expected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    due_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_remaining_when_paused = table.Column<TimeSpan>(type: "interval", nullable: true),
                    due_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_escalation_level = table.Column<int>(type: "integer", nullable: false),
                    due_next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_responsible_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scanned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    scanned_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkpoint_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_checkpoint_visits_routes_route_id",
                        column: x => x.route_id,
                        principalTable: "patrol_routes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_checkpoint_visits_due_next_check_at",
                table: "checkpoint_visits",
                column: "due_next_check_at",
                filter: "due_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_checkpoint_visits_estate_id_code_expected_at",
                table: "checkpoint_visits",
                columns: new[] { "estate_id", "code", "expected_at" });

            migrationBuilder.CreateIndex(
                name: "ix_checkpoint_visits_estate_id_expected_at_id",
                table: "checkpoint_visits",
                columns: new[] { "estate_id", "expected_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_checkpoint_visits_route_id_round_starts_at_code",
                table: "checkpoint_visits",
                columns: new[] { "route_id", "round_starts_at", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_patrol_findings_estate_id_reported_at_id",
                table: "patrol_findings",
                columns: new[] { "estate_id", "reported_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_patrol_routes_estate_id_name",
                table: "patrol_routes",
                columns: new[] { "estate_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_patrol_routes_scheduled_until",
                table: "patrol_routes",
                column: "scheduled_until");

            migrationBuilder.CreateIndex(
                name: "ix_patrol_scans_estate_id_scanned_at",
                table: "patrol_scans",
                columns: new[] { "estate_id", "scanned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_patrol_scans_visit_id",
                table: "patrol_scans",
                column: "visit_id",
                filter: "visit_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sla_events_estate_id_kind_occurred_at_id",
                table: "sla_events",
                columns: new[] { "estate_id", "kind", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_events_subject_id_policy_kind_level",
                table: "sla_events",
                columns: new[] { "subject_id", "policy", "kind", "level" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkpoint_visits");

            migrationBuilder.DropTable(
                name: "patrol_findings");

            migrationBuilder.DropTable(
                name: "patrol_scans");

            migrationBuilder.DropTable(
                name: "sla_events");

            migrationBuilder.DropTable(
                name: "patrol_routes");
        }
    }
}
