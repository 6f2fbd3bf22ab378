using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.SecurityGate.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentsAndFireSafety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fire_check_routines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    every_days = table.Column<int>(type: "integer", nullable: false),
                    due_by = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    laid_out_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fire_check_routines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    emergency = table.Column<bool>(type: "boolean", nullable: false),
                    needs_reception = table.Column<bool>(type: "boolean", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reported_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    supervisors_alerted = table.Column<int>(type: "integer", nullable: false),
                    handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handled_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    resolution = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "safety_training_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    trainer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    attendees = table.Column<int>(type: "integer", nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safety_training_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "security_plan_evaluations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evaluated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    plan = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: false),
                    findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    actions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_security_plan_evaluations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fire_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    routine_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    done_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_remaining_when_paused = table.Column<TimeSpan>(type: "interval", nullable: true),
                    done_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_escalation_level = table.Column<int>(type: "integer", nullable: false),
                    done_next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_responsible_id = table.Column<Guid>(type: "uuid", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    passed = table.Column<bool>(type: "boolean", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fire_checks", x => x.id);
                    table.ForeignKey(
                        name: "fk_fire_checks_fire_check_routines_routine_id",
                        column: x => x.routine_id,
                        principalTable: "fire_check_routines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fire_check_routines_estate_id",
                table: "fire_check_routines",
                column: "estate_id");

            migrationBuilder.CreateIndex(
                name: "ix_fire_check_routines_laid_out_until",
                table: "fire_check_routines",
                column: "laid_out_until");

            migrationBuilder.CreateIndex(
                name: "ix_fire_checks_done_next_check_at",
                table: "fire_checks",
                column: "done_next_check_at",
                filter: "done_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_fire_checks_estate_id_due_at_id",
                table: "fire_checks",
                columns: new[] { "estate_id", "due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_fire_checks_routine_id_due_at",
                table: "fire_checks",
                columns: new[] { "routine_id", "due_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_estate_id_reported_at_id",
                table: "incidents",
                columns: new[] { "estate_id", "reported_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_safety_training_sessions_estate_id_recorded_at_id",
                table: "safety_training_sessions",
                columns: new[] { "estate_id", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_security_plan_evaluations_estate_id_recorded_at_id",
                table: "security_plan_evaluations",
                columns: new[] { "estate_id", "recorded_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fire_checks");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "safety_training_sessions");

            migrationBuilder.DropTable(
                name: "security_plan_evaluations");

            migrationBuilder.DropTable(
                name: "fire_check_routines");
        }
    }
}
