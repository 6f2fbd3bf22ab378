using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class CollectionSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monthly_collection_summaries",
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
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    amount_due = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    collected = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monthly_collection_summaries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "weekly_collection_summaries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    week = table.Column<DateOnly>(type: "date", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    amount_due = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    collected = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_weekly_collection_summaries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_monthly_collection_summaries_due_next_check_at",
                table: "monthly_collection_summaries",
                column: "due_next_check_at",
                filter: "due_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_monthly_collection_summaries_estate_id_month",
                table: "monthly_collection_summaries",
                columns: new[] { "estate_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_weekly_collection_summaries_estate_id_week",
                table: "weekly_collection_summaries",
                columns: new[] { "estate_id", "week" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monthly_collection_summaries");

            migrationBuilder.DropTable(
                name: "weekly_collection_summaries");
        }
    }
}
