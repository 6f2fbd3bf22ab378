using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.HrTraining.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrainingPlansStaffChecksAndShortfallFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_training_sessions_course_id",
                table: "training_sessions");

            migrationBuilder.AddColumn<Guid>(
                name: "plan_id",
                table: "training_needs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "training_needs",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateTable(
                name: "assessment_shortfall_flags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    week = table.Column<DateOnly>(type: "date", nullable: false),
                    assessments = table.Column<int>(type: "integer", nullable: false),
                    notified = table.Column<int>(type: "integer", nullable: false),
                    flagged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_shortfall_flags", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    staff_id = table.Column<Guid>(type: "uuid", nullable: false),
                    area = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    frequency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    checked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    checker_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_checks", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_checks_staff_staff_id",
                        column: x => x.staff_id,
                        principalTable: "staff_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    estate_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: false),
                    need_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    course_ids = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decision_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_plans", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_training_sessions_course_id_starts_at_id",
                table: "training_sessions",
                columns: new[] { "course_id", "starts_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_training_sessions_estate_id_starts_at_id",
                table: "training_sessions",
                columns: new[] { "estate_id", "starts_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_training_needs_plan_id",
                table: "training_needs",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_courses_estate_id_category_created_at_id",
                table: "training_courses",
                columns: new[] { "estate_id", "category", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_training_courses_estate_id_created_at_id",
                table: "training_courses",
                columns: new[] { "estate_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_shortfall_flags_estate_id_week_staff_id",
                table: "assessment_shortfall_flags",
                columns: new[] { "estate_id", "week", "staff_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_staff_checks_estate_id_recorded_at_id",
                table: "staff_checks",
                columns: new[] { "estate_id", "recorded_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_checks_staff_id_day",
                table: "staff_checks",
                columns: new[] { "staff_id", "day" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_checks_staff_id_frequency_period_start",
                table: "staff_checks",
                columns: new[] { "staff_id", "frequency", "period_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_plans_estate_id_created_at_id",
                table: "training_plans",
                columns: new[] { "estate_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_training_plans_estate_id_status_created_at_id",
                table: "training_plans",
                columns: new[] { "estate_id", "status", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessment_shortfall_flags");

            migrationBuilder.DropTable(
                name: "staff_checks");

            migrationBuilder.DropTable(
                name: "training_plans");

            migrationBuilder.DropIndex(
                name: "ix_training_sessions_course_id_starts_at_id",
                table: "training_sessions");

            migrationBuilder.DropIndex(
                name: "ix_training_sessions_estate_id_starts_at_id",
                table: "training_sessions");

            migrationBuilder.DropIndex(
                name: "ix_training_needs_plan_id",
                table: "training_needs");

            migrationBuilder.DropIndex(
                name: "ix_training_courses_estate_id_category_created_at_id",
                table: "training_courses");

            migrationBuilder.DropIndex(
                name: "ix_training_courses_estate_id_created_at_id",
                table: "training_courses");

            migrationBuilder.DropColumn(
                name: "plan_id",
                table: "training_needs");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "training_needs");

            migrationBuilder.CreateIndex(
                name: "ix_training_sessions_course_id",
                table: "training_sessions",
                column: "course_id");
        }
    }
}
