using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommunityActivities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "community_activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    signed_up = table.Column<int>(type: "integer", nullable: false),
                    budget = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actual_cost = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: true),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    planned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    planned_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    archived_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_community_activities", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "activity_sign_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    activity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    participant = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    signed_up_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    satisfaction = table.Column<int>(type: "integer", nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_activity_sign_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_activity_sign_ups_activities_activity_id",
                        column: x => x.activity_id,
                        principalTable: "community_activities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_activity_sign_ups_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_activity_sign_ups_activity_id_signed_up_at_id",
                table: "activity_sign_ups",
                columns: new[] { "activity_id", "signed_up_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_sign_ups_activity_id_unit_id_participant",
                table: "activity_sign_ups",
                columns: new[] { "activity_id", "unit_id", "participant" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_activity_sign_ups_unit_id",
                table: "activity_sign_ups",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_community_activities_estate_id_starts_at_id",
                table: "community_activities",
                columns: new[] { "estate_id", "starts_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_community_activities_estate_id_status_starts_at_id",
                table: "community_activities",
                columns: new[] { "estate_id", "status", "starts_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activity_sign_ups");

            migrationBuilder.DropTable(
                name: "community_activities");
        }
    }
}
