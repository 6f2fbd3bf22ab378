using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class Complaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "complaints",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    complainant_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    complainant_phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    responsible_person = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    resolution_policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    resolution_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_remaining_when_paused = table.Column<TimeSpan>(type: "interval", nullable: true),
                    resolution_completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_escalation_level = table.Column<int>(type: "integer", nullable: true),
                    resolution_next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolution_text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    informed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    satisfaction_score = table.Column<int>(type: "integer", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "complaint_steps",
                columns: table => new
                {
                    number = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaint_steps", x => new { x.complaint_id, x.number });
                    table.ForeignKey(
                        name: "fk_complaint_steps_complaints_complaint_id",
                        column: x => x.complaint_id,
                        principalTable: "complaints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_estate_id_recorded_at_id",
                table: "complaints",
                columns: new[] { "estate_id", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_request_id",
                table: "complaints",
                column: "request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_resolution_next_check_at",
                table: "complaints",
                column: "resolution_next_check_at",
                filter: "resolution_next_check_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_unit_id_recorded_at",
                table: "complaints",
                columns: new[] { "unit_id", "recorded_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaint_steps");

            migrationBuilder.DropTable(
                name: "complaints");
        }
    }
}
