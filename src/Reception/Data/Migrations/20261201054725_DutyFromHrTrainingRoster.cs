using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class DutyFromHrTrainingRoster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Duty taken at reception gives way to hr-training's published roster: those rows have no staff member or roster
            // day to carry over, and the next DutyRosterPublished fills the table again.
            migrationBuilder.Sql("DELETE FROM duty_shifts;");

            migrationBuilder.DropIndex(
                name: "ix_duty_shifts_estate_id_starts_at_id",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "supervisor",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "supervisor_name",
                table: "duty_shifts");

            migrationBuilder.AddColumn<DateOnly>(
                name: "day",
                table: "duty_shifts",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "post",
                table: "duty_shifts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "shift",
                table: "duty_shifts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "staff_id",
                table: "duty_shifts",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "trade",
                table: "duty_shifts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "certifications",
                columns: table => new
                {
                    certification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    post = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    revoked_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certifications", x => x.certification_id);
                });

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

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_estate_id_day",
                table: "duty_shifts",
                columns: new[] { "estate_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_estate_id_starts_at_ends_at",
                table: "duty_shifts",
                columns: new[] { "estate_id", "starts_at", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_certifications_staff_id_trade_post",
                table: "certifications",
                columns: new[] { "staff_id", "trade", "post" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_members_estate_ids",
                table: "staff_members",
                column: "estate_ids")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Roster shifts have no supervisor account to go back to.
            migrationBuilder.Sql("DELETE FROM duty_shifts;");

            migrationBuilder.DropTable(
                name: "certifications");

            migrationBuilder.DropTable(
                name: "duty_rosters");

            migrationBuilder.DropTable(
                name: "staff_members");

            migrationBuilder.DropIndex(
                name: "ix_duty_shifts_estate_id_day",
                table: "duty_shifts");

            migrationBuilder.DropIndex(
                name: "ix_duty_shifts_estate_id_starts_at_ends_at",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "day",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "post",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "shift",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "staff_id",
                table: "duty_shifts");

            migrationBuilder.DropColumn(
                name: "trade",
                table: "duty_shifts");

            migrationBuilder.AddColumn<string>(
                name: "supervisor",
                table: "duty_shifts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "supervisor_name",
                table: "duty_shifts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ix_duty_shifts_estate_id_starts_at_id",
                table: "duty_shifts",
                columns: new[] { "estate_id", "starts_at", "id" });
        }
    }
}
