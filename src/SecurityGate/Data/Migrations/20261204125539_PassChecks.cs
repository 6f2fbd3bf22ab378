using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.SecurityGate.Data.Migrations
{
    /// <inheritdoc />
    public partial class PassChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pass_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    request_fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    pass_id = table.Column<Guid>(type: "uuid", nullable: true),
                    admitted = table.Column<bool>(type: "boolean", nullable: false),
                    refusal = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    uses_left = table.Column<int>(type: "integer", nullable: true),
                    visit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    gate_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    checked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    checked_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pass_checks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pass_checks_estate_id_admitted_checked_at_id",
                table: "pass_checks",
                columns: new[] { "estate_id", "admitted", "checked_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_pass_checks_idempotency_key",
                table: "pass_checks",
                column: "idempotency_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pass_checks");
        }
    }
}
