using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlaClocksAndEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "routing_warned_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "routing_warn_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feedback_next_check_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "routing_breached_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "routing_completed_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "routing_due_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "routing_escalation_level",
                table: "customer_requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "routing_next_check_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "routing_paused_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "routing_policy",
                table: "customer_requests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<TimeSpan>(
                name: "routing_remaining_when_paused",
                table: "customer_requests",
                type: "interval",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "routing_started_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

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

            // Requests recorded before the routing clock existed get one from their old deadline columns; the monitor
            // then records whatever breaches they had.
            migrationBuilder.Sql("""
                UPDATE customer_requests SET
                    routing_policy = 'request-routing',
                    routing_started_at = received_at,
                    routing_due_at = route_by,
                    routing_warn_at = route_by - interval '1 minute',
                    routing_completed_at = routed_at,
                    routing_next_check_at = CASE WHEN routed_at IS NULL THEN route_by - interval '1 minute' END,
                    feedback_next_check_at = CASE WHEN feedback_completed_at IS NULL AND feedback_paused_at IS NULL THEN feedback_warn_at END;
                """);

            migrationBuilder.DropColumn(name: "route_by", table: "customer_requests");
            migrationBuilder.DropColumn(name: "routed_at", table: "customer_requests");

            migrationBuilder.CreateIndex(
                name: "ix_customer_requests_feedback_next_check_at",
                table: "customer_requests",
                column: "feedback_next_check_at",
                filter: "feedback_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_customer_requests_routing_next_check_at",
                table: "customer_requests",
                column: "routing_next_check_at",
                filter: "routing_next_check_at IS NOT NULL");

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
                name: "sla_events");

            migrationBuilder.DropIndex(
                name: "ix_customer_requests_feedback_next_check_at",
                table: "customer_requests");

            migrationBuilder.DropIndex(
                name: "ix_customer_requests_routing_next_check_at",
                table: "customer_requests");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "routed_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "route_by",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.Sql("UPDATE customer_requests SET route_by = routing_due_at, routed_at = routing_completed_at;");
            migrationBuilder.DropColumn(
                name: "feedback_next_check_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_breached_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_completed_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_due_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_escalation_level",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_next_check_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_paused_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_policy",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_remaining_when_paused",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_started_at",
                table: "customer_requests");

            migrationBuilder.DropColumn(name: "routing_warned_at", table: "customer_requests");
            migrationBuilder.DropColumn(name: "routing_warn_at", table: "customer_requests");
        }
    }
}
