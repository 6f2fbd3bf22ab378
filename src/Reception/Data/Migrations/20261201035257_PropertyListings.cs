using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class PropertyListings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "property_listings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    asking_price = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    listed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    listed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_property_listings", x => x.id);
                    table.ForeignKey(
                        name: "fk_property_listings_owners_owner_id",
                        column: x => x.owner_id,
                        principalTable: "owners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_property_listings_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "listing_follow_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    listing_id = table.Column<Guid>(type: "uuid", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listing_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_listing_follow_ups_property_listings_listing_id",
                        column: x => x.listing_id,
                        principalTable: "property_listings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_listing_follow_ups_listing_id_at",
                table: "listing_follow_ups",
                columns: new[] { "listing_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_property_listings_estate_id_listed_at_id",
                table: "property_listings",
                columns: new[] { "estate_id", "listed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_property_listings_estate_id_status_listed_at_id",
                table: "property_listings",
                columns: new[] { "estate_id", "status", "listed_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_property_listings_owner_id",
                table: "property_listings",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_property_listings_unit_id_kind",
                table: "property_listings",
                columns: new[] { "unit_id", "kind" },
                unique: true,
                filter: "status = 'Listed'");

            migrationBuilder.CreateIndex(
                name: "ix_property_listings_unit_id_listed_at_id",
                table: "property_listings",
                columns: new[] { "unit_id", "listed_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "listing_follow_ups");

            migrationBuilder.DropTable(
                name: "property_listings");
        }
    }
}
