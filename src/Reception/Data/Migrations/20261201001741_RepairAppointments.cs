using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class RepairAppointments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "agreed_appointment_at",
                table: "customer_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "repair_appointments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    trade = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    proposed_starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    proposed_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    proposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    confirmed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repair_appointments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_repair_appointments_estate_id_status_proposed_starts_at_id",
                table: "repair_appointments",
                columns: new[] { "estate_id", "status", "proposed_starts_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_repair_appointments_work_order_id",
                table: "repair_appointments",
                column: "work_order_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "repair_appointments");

            migrationBuilder.DropColumn(
                name: "agreed_appointment_at",
                table: "customer_requests");
        }
    }
}
