using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.HrTraining.Data.Migrations
{
    /// <inheritdoc />
    public partial class Attendance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "department",
                table: "staff_members",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "attendance_devices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    device_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    registered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendance_devices", x => x.id);
                    table.ForeignKey(
                        name: "fk_attendance_devices_staff_staff_id",
                        column: x => x.staff_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "attendance_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shift_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    sign_in_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sign_out_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    signed_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sign_in_device = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    minutes_late = table.Column<int>(type: "integer", nullable: false),
                    signed_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    minutes_early = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendance_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_attendance_records_shifts_shift_id",
                        column: x => x.shift_id,
                        principalTable: "duty_shifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "attendance_settings",
                columns: table => new
                {
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sign_in_by = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    meeting_from = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    meeting_until = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    handover_from = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    handover_until = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    winter_sign_out_after = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    summer_sign_out_after = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    summer_months = table.Column<int[]>(type: "integer[]", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendance_settings", x => x.estate_id);
                });

            migrationBuilder.CreateTable(
                name: "attendance_sheet_deadlines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    issued_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendance_sheet_deadlines", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "leave_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leave_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_leave_requests_staff_staff_id",
                        column: x => x.staff_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "proxy_sign_in_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    caller_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on_behalf_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    device_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proxy_sign_in_attempts", x => x.id);
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

            migrationBuilder.CreateIndex(
                name: "ix_attendance_devices_device_id",
                table: "attendance_devices",
                column: "device_id",
                unique: true,
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_attendance_devices_staff_id",
                table: "attendance_devices",
                column: "staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_attendance_records_estate_id_day",
                table: "attendance_records",
                columns: new[] { "estate_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_attendance_records_shift_id",
                table: "attendance_records",
                column: "shift_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attendance_records_staff_id_day",
                table: "attendance_records",
                columns: new[] { "staff_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_attendance_sheet_deadlines_due_next_check_at",
                table: "attendance_sheet_deadlines",
                column: "due_next_check_at",
                filter: "due_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_attendance_sheet_deadlines_estate_id_month",
                table: "attendance_sheet_deadlines",
                columns: new[] { "estate_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_estate_id_requested_at_id",
                table: "leave_requests",
                columns: new[] { "estate_id", "requested_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_staff_id_from",
                table: "leave_requests",
                columns: new[] { "staff_id", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_proxy_sign_in_attempts_estate_id_attempted_at_id",
                table: "proxy_sign_in_attempts",
                columns: new[] { "estate_id", "attempted_at", "id" });

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
                name: "attendance_devices");

            migrationBuilder.DropTable(
                name: "attendance_records");

            migrationBuilder.DropTable(
                name: "attendance_settings");

            migrationBuilder.DropTable(
                name: "attendance_sheet_deadlines");

            migrationBuilder.DropTable(
                name: "leave_requests");

            migrationBuilder.DropTable(
                name: "proxy_sign_in_attempts");

            migrationBuilder.DropTable(
                name: "sla_events");

            migrationBuilder.DropColumn(
                name: "department",
                table: "staff_members");
        }
    }
}
