using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallbacksAndRequestLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "assignee",
                table: "customer_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "chargeable",
                table: "customer_requests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "completed_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reopen_count",
                table: "customer_requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "resolution",
                table: "customer_requests",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "routed_to",
                table: "customer_requests",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "technician_id",
                table: "customer_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "technician_name",
                table: "customer_requests",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "callback_sample_tallies",
                columns: table => new
                {
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    eligible = table.Column<int>(type: "integer", nullable: false),
                    sampled = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_sample_tallies", x => x.estate_id);
                });

            migrationBuilder.CreateTable(
                name: "callbacks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    technician_id = table.Column<Guid>(type: "uuid", nullable: true),
                    technician_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    selection = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sample_draw = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
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
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    called_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    called_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    attitude = table.Column<int>(type: "integer", nullable: true),
                    quality = table.Column<int>(type: "integer", nullable: true),
                    speed = table.Column<int>(type: "integer", nullable: true),
                    satisfied = table.Column<bool>(type: "boolean", nullable: true),
                    shortcomings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    suggestions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callbacks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_requests_estate_id_completed_at",
                table: "customer_requests",
                columns: new[] { "estate_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_due_next_check_at",
                table: "callbacks",
                column: "due_next_check_at",
                filter: "due_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_estate_id_called_at",
                table: "callbacks",
                columns: new[] { "estate_id", "called_at" });

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_estate_id_created_at_id",
                table: "callbacks",
                columns: new[] { "estate_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_estate_id_status_created_at",
                table: "callbacks",
                columns: new[] { "estate_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_request_id",
                table: "callbacks",
                column: "request_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "callback_sample_tallies");

            migrationBuilder.DropTable(
                name: "callbacks");

            migrationBuilder.DropIndex(
                name: "ix_customer_requests_estate_id_completed_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "assignee",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "chargeable",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "reopen_count",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "resolution",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routed_to",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "technician_id",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "technician_name",
                table: "customer_requests");
        }
    }
}
