using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Arrears;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class ArrearsTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A unit of a new estate with one charge per entry, each due (estate-local) that many days ago (0: due today).</summary>
    private async Task<(Guid EstateId, Guid UnitId, Guid OwnerId, Guid[] Items)> UnitOwingAsync(params (int DaysAgo, decimal Amount)[] charges)
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, ownerId) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var items = await ChargeAsync(estateId, unitId, charges);
        return (estateId, unitId, ownerId, items);
    }

    private async Task<Guid[]> ChargeAsync(Guid estateId, Guid unitId, params (int DaysAgo, decimal Amount)[] charges)
    {
        var raised = charges.Select(c => new ChargeRaised(
            Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(-c.DaysAgo), estateId, Guid.NewGuid(), unitId, "paid-service", c.Amount, "CNY", "maintenance",
            Guid.NewGuid(), $"Repair {c.DaysAgo} days ago")).ToList();
        foreach (var charge in raised)
        {
            await billing.Bus.Publish(charge, Ct);
        }

        await billing.HandledAsync("ChargeRaisedConsumer", [.. raised.Select(c => c.EventId)]);
        var account = (await billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct))!;
        return [.. raised.Select(c => account.OpenItems.Single(i => i.SourceId == c.SourceId).Id)];
    }

    private static Task<HttpResponseMessage> DunAsync(HttpClient client, Guid unitId, string step, string? channel = null) =>
        client.PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/dunning", new { step, channel, note = $"{step} by test" }, Ct);

    private static async Task<ArrearsCaseResponse> DunOkAsync(HttpClient client, Guid unitId, string step, string? channel = null)
    {
        var response = await DunAsync(client, unitId, step, channel);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ArrearsCaseResponse>(ApiJson.Options, Ct))!;
    }

    private Task<ArrearsReportResponse?> ArrearsAsync(Guid estateId, DateOnly? asOf = null) =>
        billing.Manager(estateId).GetFromJsonAsync<ArrearsReportResponse>(
            $"/api/billing/arrears?estateId={estateId}{(asOf is { } day ? $"&asOf={Billing.Day(day)}" : "")}", ApiJson.Options, Ct);

    /// <summary>How many <see cref="FeeDisputed"/> about the unit billing's outbox holds.</summary>
    private Task<int> DisputesPublishedAsync(Guid unitId) => billing.QueryAsync(async db =>
        (await db.OutboxMessages.AsNoTracking().Where(m => m.EventType.StartsWith(typeof(FeeDisputed).FullName!)).Select(m => m.Payload).ToListAsync(Ct))
        .Count(p => p.Contains(unitId.ToString(), StringComparison.Ordinal)));

    [Fact]
    public async Task Arrears_are_aged_in_buckets_of_0_30_31_90_91_180_and_over_180_estate_local_days_past_due()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync((10, 10m), (40, 20m), (100, 30m), (200, 40m), (0, 99m));

        var report = (await ArrearsAsync(estateId))!;

        report.Buckets.Select(b => (b.Bucket, b.Amount)).Should().Equal(("0-30", 10m), ("31-90", 20m), ("91-180", 30m), (">180", 40m));
        report.Total.Should().Be(100m, "the charge due today is not overdue yet");
        var unit = report.Units.Should().ContainSingle().Subject;
        (unit.UnitId, unit.Overdue, unit.DaysPastDue, unit.Bucket).Should().Be((unitId, 100m, 200, ">180"));
        unit.ByBucket["31-90"].Should().Be(20m);
    }

    [Fact]
    public async Task Arrears_at_a_past_day_show_what_was_overdue_then_even_if_paid_since()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var bookedAt = DateTimeOffset.UtcNow.AddDays(-40);
        var dueOn = BillingService.LocalToday.AddDays(-40);
        await billing.QueryAsync(async db =>
        {
            db.Receivables.Add(Receivable.ForCharge(estateId, unitId, FeeItem.Other, "Booked 40 days ago", 20m, "CNY", dueOn, "maintenance", Guid.NewGuid(), bookedAt));
            return await db.SaveChangesAsync(Ct);
        });
        var pay = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount = 20m, method = "cash" }) };
        pay.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        (await billing.Cashier(estateId).SendAsync(pay, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        (await ArrearsAsync(estateId))!.Total.Should().Be(0m);
        var yesterday = (await ArrearsAsync(estateId, BillingService.LocalToday.AddDays(-1)))!;
        yesterday.Total.Should().Be(20m);
        yesterday.Units.Single().DaysPastDue.Should().Be(39);
        (await ArrearsAsync(estateId, BillingService.LocalToday.AddDays(-45)))!.Total.Should().Be(0m, "the charge was not booked yet");
    }

    [Fact]
    public async Task The_early_warning_list_shows_overdue_units_not_yet_reminded_and_units_with_items_falling_due()
    {
        var estateId = await billing.NewEstateAsync();
        var (overdueUnit, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var (dueTodayUnit, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var (remindedUnit, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        await ChargeAsync(estateId, overdueUnit, (5, 10m));
        await ChargeAsync(estateId, dueTodayUnit, (0, 20m));
        await ChargeAsync(estateId, remindedUnit, (5, 30m));
        await DunOkAsync(billing.Cashier(estateId), remindedUnit, "reminder", "sms");

        var list = (await billing.Cashier(estateId).GetFromJsonAsync<EarlyWarningListResponse>(
            $"/api/billing/arrears/early-warning?estateId={estateId}", ApiJson.Options, Ct))!;

        list.Units.Select(u => (u.UnitId, u.Why)).Should().BeEquivalentTo([(overdueUnit, "overdue-not-dunned"), (dueTodayUnit, "due-soon")]);
        list.Units.Single(u => u.UnitId == overdueUnit).DaysPastDue.Should().Be(5);
    }

    [Fact]
    public async Task The_dunning_ladder_goes_reminder_then_butler_visit_then_formal_notice_then_legal_action_in_order_recording_who_and_when()
    {
        var (estateId, unitId, ownerId, _) = await UnitOwingAsync((60, 500m));
        var cashier = billing.Cashier(estateId);
        var manager = billing.Manager(estateId);

        (await DunAsync(cashier, unitId, "butler-visit")).StatusCode.Should().Be(HttpStatusCode.Conflict, "the reminder comes first");
        var reminded = await DunOkAsync(cashier, unitId, "reminder", "sms");
        var notice = await billing.PublishedAsync<NotificationRequested>(n => n.TemplateKey == "arrears-reminder" && n.RecipientId == ownerId);
        (notice.Data["amount"], notice.Data["channel"]).Should().Be(("500.00", "sms"));
        (await DunAsync(cashier, unitId, "reminder", "phone")).StatusCode.Should().Be(HttpStatusCode.Conflict, "each step is taken once");

        await DunOkAsync(cashier, unitId, "butler-visit");
        var visit = await billing.PublishedAsync<DunningEscalatedToVisit>(v => v.UnitId == unitId);
        (visit.OwnerId, visit.ArrearsAmount, visit.Currency, visit.DunningStep).Should().Be((ownerId, 500m, "CNY", 2));

        (await DunAsync(cashier, unitId, "formal-notice")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the estate manager decides a formal notice");
        await DunOkAsync(manager, unitId, "formal-notice");
        var sued = await DunOkAsync(manager, unitId, "legal-action");
        (await DunAsync(manager, unitId, "legal-action")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        sued.Actions.Select(a => a.Step).Should().Equal("reminder", "butler-visit", "formal-notice", "legal-action");
        sued.Actions.Should().OnlyContain(a => a.RecordedBy.Length > 0 && a.RecordedAt > DateTimeOffset.UtcNow.AddMinutes(-5) && a.OverdueAmount == 500m);
        sued.Actions[0].RecordedBy.Should().NotBe(sued.Actions[2].RecordedBy, "the cashier reminded, the manager served notice");
        (sued.Step, sued.NextStep, reminded.NextStep).Should().Be(("legal-action", null, "butler-visit"));
    }

    [Fact]
    public async Task A_unit_with_nothing_overdue_is_not_dunned()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync((0, 50m));

        (await DunAsync(billing.Cashier(estateId), unitId, "reminder", "sms")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await billing.QueryAsync(db => db.ArrearsCases.CountAsync(c => c.UnitId == unitId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task Bad_dunning_and_reason_input_is_refused_naming_every_field_and_nothing_is_stored()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync((40, 20m));
        var cashier = billing.Cashier(estateId);

        var badStep = await cashier.PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/dunning", new { step = "shout", note = new string('x', 2001) }, Ct);
        (await badStep.ErrorFieldsAsync()).Should().BeEquivalentTo("step", "note");
        var noChannel = await cashier.PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/dunning", new { step = "reminder", channel = "pigeon" }, Ct);
        (await noChannel.ErrorFieldsAsync()).Should().Equal("channel");
        var disputeWithoutText = await cashier.PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/reasons", new { reason = "dispute" }, Ct);
        (await disputeWithoutText.ErrorFieldsAsync()).Should().Equal("note");
        var badReason = await cashier.PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/reasons", new { reason = "bored", receivableIds = new[] { Guid.NewGuid(), Guid.Empty, Guid.Empty } }, Ct);
        (await badReason.ErrorFieldsAsync()).Should().BeEquivalentTo("reason", "receivableIds");

        (await billing.QueryAsync(db => db.ArrearsCases.CountAsync(c => c.UnitId == unitId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task Another_estates_unit_cannot_be_dunned_or_read()
    {
        var (_, unitId, _, _) = await UnitOwingAsync((40, 20m));
        var otherCashier = billing.Cashier(await billing.NewEstateAsync());

        (await DunAsync(otherCashier, unitId, "reminder", "sms")).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await otherCashier.GetAsync($"/api/billing/units/{unitId}/arrears", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await billing.QueryAsync(db => db.ArrearsCases.CountAsync(c => c.UnitId == unitId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task A_fee_dispute_recorded_by_staff_is_published_as_FeeDisputed_so_reception_opens_a_complaint()
    {
        var (estateId, unitId, ownerId, items) = await UnitOwingAsync((40, 20m), (10, 35.5m));

        var response = await billing.Cashier(estateId).PostAsJsonAsync(
            $"/api/billing/units/{unitId}/arrears/reasons", new { reason = "dispute", note = "The pipe repair was never finished", receivableIds = new[] { items[1] } }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var arrears = (await response.Content.ReadFromJsonAsync<ArrearsCaseResponse>(ApiJson.Options, Ct))!;
        arrears.Reason.Should().Be("dispute");
        var disputed = await billing.PublishedAsync<FeeDisputed>(d => d.UnitId == unitId);
        (disputed.DisputeId, disputed.OwnerId, disputed.Amount, disputed.Currency, disputed.Text).Should().Be(
            (arrears.Reasons.Single().Id, ownerId, 35.5m, "CNY", "The pipe repair was never finished"));
        disputed.ReceivableIds.Should().Equal(items[1]);
        disputed.RecordedBy.Should().Be(arrears.Reasons.Single().RecordedBy);
    }

    [Fact]
    public async Task A_hardship_reason_is_recorded_and_not_sent_to_reception()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync((40, 20m));

        var response = await billing.Manager(estateId).PostAsJsonAsync($"/api/billing/units/{unitId}/arrears/reasons", new { reason = "hardship", note = "Lost job" }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var report = (await ArrearsAsync(estateId))!;
        report.Units.Single().Reason.Should().Be("hardship");
        (await DisputesPublishedAsync(unitId)).Should().Be(0);
    }

    [Fact]
    public async Task The_butler_visits_outcome_and_reason_from_reception_are_recorded_on_the_arrears_once_and_a_dispute_goes_back_to_reception()
    {
        var (estateId, unitId, ownerId, _) = await UnitOwingAsync((60, 120m));
        await DunOkAsync(billing.Cashier(estateId), unitId, "reminder", "phone");
        await DunOkAsync(billing.Cashier(estateId), unitId, "butler-visit");
        var visited = new DunningVisitRecorded(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), Guid.NewGuid(), unitId, ownerId, 2, "Visited", "dispute", DateTimeOffset.UtcNow.AddHours(-1));

        await billing.Bus.Publish(visited, Ct);
        await billing.Bus.Publish(visited, Ct);
        await billing.HandledAsync("DunningVisitRecordedConsumer", visited.EventId);

        var arrears = (await billing.Cashier(estateId).GetFromJsonAsync<ArrearsCaseResponse>($"/api/billing/units/{unitId}/arrears", ApiJson.Options, Ct))!;
        var visit = arrears.Actions.Single(a => a.Step == "butler-visit");
        visit.Outcome.Should().Be("Visited");
        visit.VisitedAt.Should().BeCloseTo(visited.VisitedAt, TimeSpan.FromMilliseconds(1));
        arrears.Reasons.Should().ContainSingle().Which.Source.Should().Be("butler-visit");
        arrears.Reason.Should().Be("dispute");
        var disputed = await billing.PublishedAsync<FeeDisputed>(d => d.UnitId == unitId);
        disputed.Amount.Should().Be(120m);
        (await DisputesPublishedAsync(unitId)).Should().Be(1, "the redelivered visit changes nothing");
    }

    [Fact]
    public async Task A_payment_that_clears_what_is_overdue_closes_the_arrears_and_new_arrears_start_from_the_reminder()
    {
        var (estateId, unitId, _, _) = await UnitOwingAsync((40, 20m));
        var cashier = billing.Cashier(estateId);
        await DunOkAsync(cashier, unitId, "reminder", "sms");
        var pay = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount = 20m, method = "cash" }) };
        pay.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        (await cashier.SendAsync(pay, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        (await cashier.GetFromJsonAsync<ArrearsCaseResponse>($"/api/billing/units/{unitId}/arrears", ApiJson.Options, Ct))!.ClosedAt.Should().NotBeNull();
        await ChargeAsync(estateId, unitId, (10, 15m));
        (await DunAsync(cashier, unitId, "butler-visit")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await DunOkAsync(cashier, unitId, "reminder", "sms")).OverdueAmount().Should().Be(15m);
    }
}

internal static class ArrearsCaseResponses
{
    public static decimal OverdueAmount(this ArrearsCaseResponse arrears) => arrears.Actions.Last().OverdueAmount;
}
