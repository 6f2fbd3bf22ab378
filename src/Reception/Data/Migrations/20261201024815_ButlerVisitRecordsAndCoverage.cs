using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class ButlerVisitRecordsAndCoverage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "acknowledged_by",
                table: "butler_visits",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "arrears_discussed",
                table: "butler_visits",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "arrears_reason",
                table: "butler_visits",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "family_changes",
                table: "butler_visits",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "opinions",
                table: "butler_visits",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "visit_coverage_years",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    short_households = table.Column<int>(type: "integer", nullable: false),
                    counted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
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
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_visit_coverage_years", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_visit_coverage_years_due_next_check_at",
                table: "visit_coverage_years",
                column: "due_next_check_at",
                filter: "due_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_visit_coverage_years_estate_id_year",
                table: "visit_coverage_years",
                columns: new[] { "estate_id", "year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "visit_coverage_years");

            migrationBuilder.DropColumn(
                name: "acknowledged_by",
                table: "butler_visits");

            migrationBuilder.DropColumn(
                name: "arrears_discussed",
                table: "butler_visits");

            migrationBuilder.DropColumn(
                name: "arrears_reason",
                table: "butler_visits");

            migrationBuilder.DropColumn(
                name: "family_changes",
                table: "butler_visits");

            migrationBuilder.DropColumn(
                name: "opinions",
                table: "butler_visits");
        }
    }
}
