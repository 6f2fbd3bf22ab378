using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPlatform.Reception.Data.Migrations
{
    /// <inheritdoc />
    public partial class LegacyFeedbackClockPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Requests recorded before same-day feedback existed got an empty policy name; the monitor cannot evaluate them.
            migrationBuilder.Sql("UPDATE customer_requests SET feedback_policy = 'request-same-day-feedback' WHERE feedback_policy = '';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
