using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmergenciesAndDuty : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duty_shifts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    supervisor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    supervisor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duty_shifts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "emergency_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    on_duty_supervisor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    on_duty_supervisor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    acknowledged_policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    acknowledged_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_remaining_when_paused = table.Column<TimeSpan>(type: "interval", nullable: true),
                    acknowledged_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_escalation_level = table.Column<int>(type: "integer", nullable: false),
                    acknowledged_next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    action_taken = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_emergency_alerts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_estate_id_starts_at_id",
                table: "duty_shifts",
                columns: new[] { "estate_id", "starts_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_emergency_alerts_acknowledged_next_check_at",
                table: "emergency_alerts",
                column: "acknowledged_next_check_at",
                filter: "acknowledged_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_emergency_alerts_estate_id_raised_at_id",
                table: "emergency_alerts",
                columns: new[] { "estate_id", "raised_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_emergency_alerts_unit_id_raised_at",
                table: "emergency_alerts",
                columns: new[] { "unit_id", "raised_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_shifts");

            migrationBuilder.DropTable(
                name: "emergency_alerts");
        }
    }
}
