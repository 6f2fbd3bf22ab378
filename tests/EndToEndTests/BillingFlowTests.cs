using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// Billing's flows across the services, through the gateway with real tokens: reception's move-in starts the unit's
/// bills from that day; the cashier takes the money at the counter for a receipt; maintenance's paid work and the gate's
/// parking overstays arrive as charges on the unit's account; arrears climb the dunning ladder to a butler visit at
/// reception, whose outcome comes back to billing.
/// </summary>
public sealed class BillingFlowTests(Platform platform)
{
    private const decimal FloorArea = 90m;
    private static readonly TimeSpan WaitLimit = Platform.WaitLimit;
    private static readonly string[] Cashier = [PlatformRoles.Cashier];
    private static readonly string[] Guard = [PlatformRoles.GateGuard];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly LocalToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Platform.Shanghai).DateTime);

    /// <summary>The first day of last month, estate time: a whole month that has ended, whatever day the suite runs on.</summary>
    private static DateOnly LastMonth => new DateOnly(LocalToday.Year, LocalToday.Month, 1).AddMonths(-1);

    private static string Month(DateOnly period) => period.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A rate proposed by the estate and approved by the group (billing must have heard of the estate first).</summary>
    private async Task ApprovedRateAsync(Guid estateId, string feeItem, decimal amount, DateOnly effectiveFrom)
    {
        JsonElement rate = default;
        await Eventually.Async(async () =>
        {
            var proposed = await platform.Admin.PostAsJsonAsync("/api/billing/rates", new { estateId, feeItem, amount, effectiveFrom = Platform.Day(effectiveFrom) }, Ct);
            if (proposed.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            rate = await proposed.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
            return true;
        }, WaitLimit, "billing learns the estate's calendar and currency from reception");
        await Platform.OkAsync(await platform.Admin.PostAsync($"/api/billing/rates/{rate.GetProperty("id").GetGuid()}/approve", null, Ct));
    }

    /// <summary>The front desk's move-in procedure for the owner registered with <paramref name="phone"/>.</summary>
    private async Task MoveInAsync(Guid estateId, Guid unitId, DateOnly movedInOn, string phone) =>
        await Platform.OkAsync(await platform.Admin.PostAsJsonAsync("/api/reception/move-ins", new
        {
            estateId, unitId, movedInOn = Platform.Day(movedInOn), documentsChecked = true, keysHandedOver = 2,
            meterReadings = new { water = 12.5m, electricity = 830m },
            residents = new[] { new { kind = "owner", fullName = "Chen Jing", phone } },
        }, Ct), HttpStatusCode.Created);

    /// <summary>
    /// Posts the month's run once billing's preview bills the unit for <paramref name="occupiedDays"/> days (the move-in
    /// has arrived), waits until it is posted and returns the unit's bill.
    /// </summary>
    private async Task<JsonElement> PostedBillAsync(Guid estateId, Guid unitId, DateOnly period, string feeItem, int occupiedDays)
    {
        var command = new { estateId, period = Month(period), feeItem };
        await Eventually.Async(async () =>
        {
            var preview = await Platform.OkAsync(await platform.Admin.PostAsJsonAsync("/api/billing/runs/preview", command, Ct));
            return preview.GetProperty("bills").EnumerateArray().Any(b => b.GetProperty("unitId").GetGuid() == unitId
                && b.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("days").GetInt32()) == occupiedDays);
        }, WaitLimit, "billing learns the unit's floor area and the move-in from reception's events");

        var run = await Platform.OkAsync(await platform.Admin.PostAsJsonAsync("/api/billing/runs", command, Ct), HttpStatusCode.Accepted);
        await Eventually.Async(async () => (await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/billing/runs/{run.GetProperty("id").GetGuid()}", ApiJson.Options, Ct))
            .GetProperty("status").GetString() == "Posted", WaitLimit, "billing's worker posts the run");
        var bills = await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/billing/bills?unitId={unitId}", ApiJson.Options, Ct);
        return bills.GetProperty("items").EnumerateArray().Should().ContainSingle(b => b.GetProperty("period").GetString() == Month(period)).Subject;
    }

    private static async Task<JsonElement> AccountAsync(HttpClient client, Guid unitId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct);

    /// <summary>Waits until the unit's account at billing holds the open item another service charged for <paramref name="sourceId"/>.</summary>
    private async Task<JsonElement> OpenItemChargedAsync(Guid unitId, string source, Guid sourceId)
    {
        JsonElement? item = null;
        await Eventually.Async(async () =>
        {
            item = (await AccountAsync(platform.Admin, unitId)).GetProperty("openItems").EnumerateArray()
                .Select(i => (JsonElement?)i).FirstOrDefault(i => i!.Value.GetProperty("source").GetString() == source && i.Value.GetProperty("sourceId").GetGuid() == sourceId);
            return item is not null;
        }, WaitLimit, $"billing books {source}'s ChargeRaised on the unit's account");
        return item!.Value;
    }

    /// <summary>A counter payment as the cashier's screen sends it, with its <c>Idempotency-Key</c>.</summary>
    internal static Task<HttpResponseMessage> PayAtCounterAsync(HttpClient cashier, string idempotencyKey, object payment)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(payment) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return cashier.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_move_in_is_billed_by_day_from_that_day_and_paid_at_the_counter_for_a_numbered_PDF_receipt()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        var (_, phone, _) = await platform.RegisterOwnerAsync(estateId, unitId, Ct);
        var (_, cashier) = await platform.StaffAccountAsync(estateId, Cashier, "E2E Cashier", Ct);
        await ApprovedRateAsync(estateId, "management-fee", 2.80m, LastMonth);
        var movedInOn = LastMonth.AddDays(10);
        var daysInMonth = DateTime.DaysInMonth(LastMonth.Year, LastMonth.Month);
        var occupiedDays = daysInMonth - 10;

        await MoveInAsync(estateId, unitId, movedInOn, phone);
        var bill = await PostedBillAsync(estateId, unitId, LastMonth, "management-fee", occupiedDays);

        var prorated = decimal.Round(2.80m * FloorArea * occupiedDays / daysInMonth, 2, MidpointRounding.AwayFromZero);
        bill.GetProperty("total").GetDecimal().Should().Be(prorated, "the unit is billed for the days from the move-in, at the rate per m² per month");
        var line = bill.GetProperty("lines").EnumerateArray().Should().ContainSingle().Subject;
        (line.GetProperty("days").GetInt32(), line.GetProperty("daysInPeriod").GetInt32(), line.GetProperty("quantity").GetDecimal())
            .Should().Be((occupiedDays, daysInMonth, FloorArea));

        // The counter's two calls: the unit's account by its number, then the payment.
        var account = await cashier.GetFromJsonAsync<JsonElement>($"/api/billing/units/account?estateId={estateId}&number=101", ApiJson.Options, Ct);
        account.GetProperty("balance").GetDecimal().Should().Be(prorated);
        var key = $"counter-{Guid.NewGuid():N}";
        var payment = new { unitId, amount = prorated, method = "cash" };
        var paid = await Platform.OkAsync(await PayAtCounterAsync(cashier, key, payment), HttpStatusCode.Created);
        var retried = await Platform.OkAsync(await PayAtCounterAsync(cashier, key, payment));

        retried.GetProperty("id").GetGuid().Should().Be(paid.GetProperty("id").GetGuid(), "a retry with the same Idempotency-Key is the same payment");
        var receiptNumber = paid.GetProperty("receiptNumber").GetString()!;
        receiptNumber.Should().Be($"R{LocalToday.Year}-000001", "the estate's first receipt of the year");
        paid.GetProperty("allocations").EnumerateArray().Should().ContainSingle().Which.GetProperty("amount").GetDecimal().Should().Be(prorated);
        (await AccountAsync(cashier, unitId)).GetProperty("balance").GetDecimal().Should().Be(0m);

        var pdf = await cashier.GetAsync($"/api/billing/payments/{paid.GetProperty("id").GetGuid()}/receipt.pdf", Ct);
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync(Ct);
        Encoding.ASCII.GetString(bytes, 0, 5).Should().Be("%PDF-");
        Encoding.Latin1.GetString(bytes).Should().Contain(receiptNumber, "the receipt carries its number");
    }

    /// <summary>
    /// The run writes its bills and the owner's bill notices in one transaction with its outbox; the broker being away
    /// delays the notices, it neither loses nor doubles them.
    /// </summary>
    [Fact]
    public async Task A_billing_run_posted_while_the_broker_is_away_tells_the_owner_exactly_once_when_it_is_back()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        var (_, phone, _) = await platform.RegisterOwnerAsync(estateId, unitId, Ct);
        using var owner = await platform.OwnerAppAsync(estateId, unitId, Ct);
        await ApprovedRateAsync(estateId, "management-fee", 2.50m, LastMonth);
        await MoveInAsync(estateId, unitId, LastMonth, phone);
        var command = new { estateId, period = Month(LastMonth), feeItem = "management-fee" };
        await Eventually.Async(async () =>
        {
            var preview = await Platform.OkAsync(await platform.Admin.PostAsJsonAsync("/api/billing/runs/preview", command, Ct));
            return preview.GetProperty("bills").EnumerateArray().Any(b => b.GetProperty("unitId").GetGuid() == unitId);
        }, WaitLimit, "billing learns the unit and the move-in from reception's events");

        await platform.StopAsync("messaging");
        try
        {
            var started = await Platform.OkAsync(await platform.Admin.PostAsJsonAsync("/api/billing/runs", command, Ct), HttpStatusCode.Accepted);
            await Eventually.Async(async () => (await platform.Admin.GetFromJsonAsync<JsonElement>(
                $"/api/billing/runs/{started.GetProperty("id").GetGuid()}", ApiJson.Options, Ct)).GetProperty("status").GetString() == "Posted",
                WaitLimit, "the run posts with the broker away: its events wait in billing's outbox");
        }
        finally
        {
            await platform.StartAsync("messaging");
        }

        var bills = await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/billing/bills?unitId={unitId}", ApiJson.Options, Ct);
        var billId = bills.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject.GetProperty("id").GetString();
        List<JsonElement> notices = [];
        await Eventually.Async(async () =>
        {
            var inbox = await owner.GetFromJsonAsync<JsonElement>("/api/reception/notifications?limit=100", ApiJson.Options, Ct);
            notices = [.. inbox.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("templateKey").GetString() == "bill-issued")];
            return notices.Count > 0;
        }, TimeSpan.FromMinutes(3), "billing's outbox delivers the bill notice once the broker is back");
        await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        var inboxAfter = await owner.GetFromJsonAsync<JsonElement>("/api/reception/notifications?limit=100", ApiJson.Options, Ct);
        inboxAfter.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("templateKey").GetString() == "bill-issued")
            .Should().ContainSingle("the owner hears of the bill once").Which.GetProperty("data").GetProperty("billId").GetString().Should().Be(billId);
        await platform.WaitUntilAllHealthyAsync(TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task A_chargeable_repair_completed_in_maintenance_is_on_the_units_account_at_billing_and_can_be_paid_now()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        var (staffId, plumber, _) = await platform.PlumberOnDutyAsync(estateId, Ct);
        var requestId = (await platform.PostRepairAsync(estateId, "Replace the water heater (paid service)", Ct))!.Value;
        var workOrderId = (await platform.WorkOrderOfRequestAsync(estateId, requestId, Ct)).GetProperty("id").GetGuid();
        await Platform.OkAsync(await platform.Admin.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/price", new { chargeable = true, price = 380.50m }, Ct));
        await Eventually.Async(() => platform.EligibleAsync(workOrderId, staffId, Ct), WaitLimit, "the plumber is on dispatch");
        await Platform.OkAsync(await platform.Admin.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { technicianId = staffId, trade = "plumbing" }, Ct));
        await Platform.OkAsync(await plumber.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/accept", new { }, Ct));
        await Platform.OkAsync(await plumber.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/arrive", new { }, Ct));

        await Platform.OkAsync(await plumber.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/complete",
            new { labourMinutes = 90, testDone = true, siteCleaned = true, notes = "New heater fitted" }, Ct));

        var item = await OpenItemChargedAsync(unitId, "maintenance", workOrderId);
        (item.GetProperty("feeItem").GetString(), item.GetProperty("amount").GetDecimal(), item.GetProperty("outstanding").GetDecimal())
            .Should().Be(("paid-service", 380.50m, 380.50m));
        item.GetProperty("dueOn").GetString().Should().Be(Platform.Day(LocalToday), "a charge is due at once");

        var paid = await Platform.OkAsync(await PayAtCounterAsync(platform.Admin, $"repair-{Guid.NewGuid():N}",
            new { unitId, amount = 380.50m, method = "card", receivableIds = new[] { item.GetProperty("id").GetGuid() } }), HttpStatusCode.Created);
        paid.GetProperty("allocations").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("receivableId").GetGuid().Should().Be(item.GetProperty("id").GetGuid());
        (await AccountAsync(platform.Admin, unitId)).GetProperty("openItems").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Arrears_climb_the_dunning_ladder_to_a_butler_visit_at_reception_whose_outcome_shows_on_the_arrears_at_billing()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        var (ownerId, phone, _) = await platform.RegisterOwnerAsync(estateId, unitId, Ct);
        await using var bus = await new TestBus((await platform.ConnectionStringAsync("messaging"))!)
            .Listen<DunningEscalatedToVisit>().Listen<DunningVisitRecorded>().StartAsync(Ct);
        await ApprovedRateAsync(estateId, "management-fee", 3.10m, LastMonth);
        var daysInMonth = DateTime.DaysInMonth(LastMonth.Year, LastMonth.Month);
        await MoveInAsync(estateId, unitId, LastMonth.AddDays(4), phone);
        // Last month's bill is due a payment term after its run was posted, so it is not overdue yet; what is overdue is an
        // older charge of maintenance's, raised (and due) 40 days ago.
        await PostedBillAsync(estateId, unitId, LastMonth, "management-fee", daysInMonth - 4);
        var charge = new Contracts.Charges.ChargeRaised(
            Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-40), estateId, Guid.NewGuid(), unitId, "paid-service", 180m, "CNY", "maintenance", Guid.NewGuid(),
            "Repair raised 40 days ago");
        await bus.PublishAsync(charge, Ct);
        var overdue = (await OpenItemChargedAsync(unitId, "maintenance", charge.SourceId)).GetProperty("outstanding").GetDecimal();
        await Eventually.Async(async () => (await AccountAsync(platform.Admin, unitId)).GetProperty("ownerId").ValueKind == JsonValueKind.String, WaitLimit,
            "billing learns the unit's owner from OwnerRegistered: there is someone to remind and to visit");

        await Platform.OkAsync(await platform.Admin.PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/dunning", new { step = "reminder", channel = "sms" }, Ct));
        await Platform.OkAsync(await platform.Admin.PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/dunning", new { step = "butler-visit", note = "No answer to the SMS" }, Ct));

        var escalated = await bus.WaitForAsync<DunningEscalatedToVisit>(e => e.UnitId == unitId, WaitLimit, "billing asks reception for the butler visit");
        (escalated.OwnerId, escalated.ArrearsAmount, escalated.Currency).Should().Be((ownerId, overdue, "CNY"));
        JsonElement? task = null;
        await Eventually.Async(async () =>
        {
            var page = await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/reception/butler-visits?unitId={unitId}&status=ToArrange", ApiJson.Options, Ct);
            task = page.GetProperty("items").EnumerateArray().Select(v => (JsonElement?)v).FirstOrDefault();
            return task is not null;
        }, WaitLimit, "reception gives the butler a visit task from DunningEscalatedToVisit");
        task!.Value.GetProperty("kind").GetString().Should().Be("DunningFollowUp");
        task.Value.GetProperty("arrearsAmount").GetDecimal().Should().Be(overdue);
        var visitId = task.Value.GetProperty("id").GetGuid();
        var appointment = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(-1), Platform.Shanghai);
        await Platform.OkAsync(await platform.Admin.PostAsJsonAsync($"/api/reception/butler-visits/{visitId}/appointment",
            new { butler = "Wang Fang", appointmentAt = appointment.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) }, Ct));
        await Platform.OkAsync(await platform.Admin.PostAsJsonAsync($"/api/reception/butler-visits/{visitId}/outcome", new
        {
            outcome = "Visited", notes = "Lost her job in the spring; asks for time", arrearsDiscussed = "The repair charge of 40 days ago",
            acknowledgedBy = "Chen Jing", arrearsReason = "hardship",
        }, Ct));

        var recorded = await bus.WaitForAsync<DunningVisitRecorded>(v => v.VisitId == visitId, WaitLimit, "reception reports the visit's outcome to billing");
        (recorded.Outcome, recorded.ArrearsReason).Should().Be(("Visited", "hardship"));
        JsonElement arrears = default;
        await Eventually.Async(async () =>
        {
            arrears = await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/billing/units/{unitId}/arrears", ApiJson.Options, Ct);
            return arrears.GetProperty("reason").GetString() == "hardship";
        }, WaitLimit, "billing records DunningVisitRecorded on the unit's arrears");
        arrears.GetProperty("step").GetString().Should().Be("butler-visit");
        arrears.GetProperty("nextStep").GetString().Should().Be("formal-notice");
        var visit = arrears.GetProperty("actions").EnumerateArray().Should().ContainSingle(a => a.GetProperty("step").GetString() == "butler-visit").Subject;
        visit.GetProperty("outcome").GetString().Should().Be("Visited");
        visit.GetProperty("visitedAt").ValueKind.Should().Be(JsonValueKind.String);
        var report = await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/billing/arrears?estateId={estateId}", ApiJson.Options, Ct);
        var row = report.GetProperty("units").EnumerateArray().Should().ContainSingle().Subject;
        (row.GetProperty("overdue").GetDecimal(), row.GetProperty("dunningStep").GetString(), row.GetProperty("reason").GetString())
            .Should().Be((overdue, "butler-visit", "hardship"));
    }

    /// <summary>One test for two issues: billing's "parking overstay → charge" (15) and the gate's "a parking overstay → billing is charged" (16).</summary>
    [Fact]
    public async Task A_visitor_parking_overstay_at_the_gate_is_charged_to_the_unit_visited_at_billing()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var unitId = platform.UnitOf(estateId);
        var (_, guard) = await platform.StaffAccountAsync(estateId, Guard, "E2E Guard", Ct);
        await Eventually.Async(async () => (await platform.Admin.PutAsJsonAsync($"/api/security-gate/parking/tariffs/{estateId}", new { freeMinutes = 30, hourlyRate = 6.50m }, Ct))
            .IsSuccessStatusCode, WaitLimit, "security-gate learns the estate's currency from reception, then takes its tariff");
        var entered = await Platform.OkAsync(await guard.PostAsJsonAsync("/api/security-gate/parking/sessions", new
        {
            estateId, plate = $"沪B{Random.Shared.Next(10000, 99999)}", unitId, enteredAt = DateTimeOffset.UtcNow.AddMinutes(-140),
        }, Ct), HttpStatusCode.Created);
        var sessionId = entered.GetProperty("id").GetGuid();

        var exited = await Platform.OkAsync(await guard.PostAsJsonAsync($"/api/security-gate/parking/sessions/{sessionId}/exit", new { }, Ct));

        exited.GetProperty("fee").GetDecimal().Should().Be(13.00m, "110 minutes past the free half hour are two started hours");
        var item = await OpenItemChargedAsync(unitId, "security-gate", sessionId);
        (item.GetProperty("feeItem").GetString(), item.GetProperty("amount").GetDecimal()).Should().Be(("parking", 13.00m));
    }
}
