using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PropertyPlatform.Maintenance.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkOrderLifecycleAndDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "accepted_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "appointment_ends_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "appointment_id",
                table: "work_orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "appointment_starts_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "appointment_status",
                table: "work_orders",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "area",
                table: "work_orders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "arrived_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "charge_raised_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "chargeable",
                table: "work_orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completed_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completion_breached_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completion_completed_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completion_due_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "completion_escalation_level",
                table: "work_orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completion_next_check_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "completion_notes",
                table: "work_orders",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completion_parked_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completion_paused_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "completion_photo_ids",
                table: "work_orders",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<string>(
                name: "completion_policy",
                table: "work_orders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<TimeSpan>(
                name: "completion_remaining_when_paused",
                table: "work_orders",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "completion_responsible_id",
                table: "work_orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completion_started_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completion_warn_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completion_warned_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "created_by",
                table: "work_orders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "work_orders",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "dispatched_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "labour_minutes",
                table: "work_orders",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "needs_redispatch",
                table: "work_orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "parts_used",
                table: "work_orders",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "price",
                table: "work_orders",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "redispatch_reason",
                table: "work_orders",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reopen_reason",
                table: "work_orders",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_breached_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_completed_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_due_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "response_escalation_level",
                table: "work_orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_next_check_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_parked_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_paused_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "response_policy",
                table: "work_orders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<TimeSpan>(
                name: "response_remaining_when_paused",
                table: "work_orders",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "response_responsible_id",
                table: "work_orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_started_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_warn_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_warned_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "rework_count",
                table: "work_orders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "site_cleaned",
                table: "work_orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "work_orders",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                // Every work order before staff and emergencies could open one came from a request.
                defaultValue: "Request");

            migrationBuilder.AddColumn<Guid>(
                name: "technician_id",
                table: "work_orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "technician_name",
                table: "work_orders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "test_done",
                table: "work_orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "trade",
                table: "work_orders",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "verified_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "duty_rosters",
                columns: table => new
                {
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duty_rosters", x => new { x.estate_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "duty_shifts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shift = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    post = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duty_shifts", x => x.id);
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
                name: "staff_members",
                columns: table => new
                {
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    position = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    trades = table.Column<List<string>>(type: "text[]", nullable: false),
                    estate_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    profile_as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_day = table.Column<DateOnly>(type: "date", nullable: true),
                    employment_as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_members", x => x.staff_id);
                });

            migrationBuilder.CreateTable(
                name: "trade_certifications",
                columns: table => new
                {
                    certification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    revoked_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trade_certifications", x => x.certification_id);
                });

            migrationBuilder.CreateTable(
                name: "work_order_steps",
                columns: table => new
                {
                    number = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_order_steps", x => new { x.work_order_id, x.number });
                    table.ForeignKey(
                        name: "fk_work_order_steps_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_completion_next_check_at",
                table: "work_orders",
                column: "completion_next_check_at",
                filter: "completion_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_estate_id_created_at",
                table: "work_orders",
                columns: new[] { "estate_id", "created_at" },
                filter: "needs_redispatch");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_estate_id_status_created_at_id",
                table: "work_orders",
                columns: new[] { "estate_id", "status", "created_at", "id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_response_next_check_at",
                table: "work_orders",
                column: "response_next_check_at",
                filter: "response_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_technician_id_created_at_id",
                table: "work_orders",
                columns: new[] { "technician_id", "created_at", "id" },
                descending: new[] { false, true, true },
                filter: "technician_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_technician_id_status_estate_id",
                table: "work_orders",
                columns: new[] { "technician_id", "status", "estate_id" },
                filter: "technician_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_estate_id_day",
                table: "duty_shifts",
                columns: new[] { "estate_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_estate_id_starts_at_ends_at",
                table: "duty_shifts",
                columns: new[] { "estate_id", "starts_at", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_events_estate_id_kind_occurred_at_id",
                table: "sla_events",
                columns: new[] { "estate_id", "kind", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_events_subject_id_policy_kind_level",
                table: "sla_events",
                columns: new[] { "subject_id", "policy", "kind", "level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_estate_ids",
                table: "staff_members",
                column: "estate_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_trade_certifications_staff_id_trade",
                table: "trade_certifications",
                columns: new[] { "staff_id", "trade" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duty_rosters");

            migrationBuilder.DropTable(
                name: "duty_shifts");

            migrationBuilder.DropTable(
                name: "sla_events");

            migrationBuilder.DropTable(
                name: "staff_members");

            migrationBuilder.DropTable(
                name: "trade_certifications");

            migrationBuilder.DropTable(
                name: "work_order_steps");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_completion_next_check_at",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_estate_id_created_at",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_estate_id_status_created_at_id",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_response_next_check_at",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_technician_id_created_at_id",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_technician_id_status_estate_id",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "accepted_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "appointment_ends_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "appointment_id",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "appointment_starts_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "appointment_status",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "area",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "arrived_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "charge_raised_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "chargeable",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_breached_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_completed_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_due_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_escalation_level",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_next_check_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_notes",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_parked_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_paused_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_photo_ids",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_policy",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_remaining_when_paused",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_responsible_id",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_started_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_warn_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "completion_warned_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "created_by",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "dispatched_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "labour_minutes",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "needs_redispatch",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "parts_used",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "price",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "redispatch_reason",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "reopen_reason",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_breached_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_completed_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_due_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_escalation_level",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_next_check_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_parked_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_paused_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_policy",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_remaining_when_paused",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_responsible_id",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_started_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_warn_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "response_warned_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "rework_count",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "site_cleaned",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "source",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "technician_id",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "technician_name",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "test_done",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "trade",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "verified_at",
                table: "work_orders");
        }
    }
}
