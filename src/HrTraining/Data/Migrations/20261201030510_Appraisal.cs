using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.HrTraining.Data.Migrations
{
    /// <inheritdoc />
    public partial class Appraisal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appraisal_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    retraining_required = table.Column<bool>(type: "boolean", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appraisal_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_appraisal_actions_staff_staff_id",
                        column: x => x.staff_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "callback_scores",
                columns: table => new
                {
                    callback_id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    work_order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    attitude = table.Column<int>(type: "integer", nullable: false),
                    quality = table.Column<int>(type: "integer", nullable: false),
                    speed = table.Column<int>(type: "integer", nullable: false),
                    satisfied = table.Column<bool>(type: "boolean", nullable: false),
                    called_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_scores", x => x.callback_id);
                });

            migrationBuilder.CreateTable(
                name: "sla_misses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    service = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_misses", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "written_assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    assessed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    assessor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_written_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_written_assessments_staff_members_staff_id",
                        column: x => x.staff_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appraisal_actions_staff_id_day",
                table: "appraisal_actions",
                columns: new[] { "staff_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_callback_scores_staff_id_called_at",
                table: "callback_scores",
                columns: new[] { "staff_id", "called_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_misses_service_subject_subject_id_policy",
                table: "sla_misses",
                columns: new[] { "service", "subject", "subject_id", "policy" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sla_misses_staff_id_breached_at",
                table: "sla_misses",
                columns: new[] { "staff_id", "breached_at" });

            migrationBuilder.CreateIndex(
                name: "ix_written_assessments_estate_id_day",
                table: "written_assessments",
                columns: new[] { "estate_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_written_assessments_staff_id_day",
                table: "written_assessments",
                columns: new[] { "staff_id", "day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appraisal_actions");

            migrationBuilder.DropTable(
                name: "callback_scores");

            migrationBuilder.DropTable(
                name: "sla_misses");

            migrationBuilder.DropTable(
                name: "written_assessments");
        }
    }
}
