using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlaResponsiblePerson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "acknowledged_responsible_id",
                table: "emergency_alerts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "feedback_responsible_id",
                table: "customer_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "routing_responsible_id",
                table: "customer_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "resolution_responsible_id",
                table: "complaints",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "due_responsible_id",
                table: "callbacks",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "acknowledged_responsible_id",
                table: "emergency_alerts");

            migrationBuilder.DropColumn(
                name: "feedback_responsible_id",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "routing_responsible_id",
                table: "customer_requests");

            migrationBuilder.DropColumn(
                name: "resolution_responsible_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "due_responsible_id",
                table: "callbacks");
        }
    }
}
