using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintDeadlineOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deadline_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Complaints already recorded: the deadline that applies, as the domain now keeps it.
            migrationBuilder.Sql(
                """
                UPDATE complaints AS c
                SET deadline_at = COALESCE(c.resolution_due_at, r.routing_due_at)
                FROM customer_requests AS r
                WHERE r.id = c.request_id;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_estate_id_deadline_at_id",
                table: "complaints",
                columns: new[] { "estate_id", "deadline_at", "id" },
                filter: "status IN ('Recorded', 'Classified', 'Assigned')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_complaints_estate_id_deadline_at_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "deadline_at",
                table: "complaints");
        }
    }
}
