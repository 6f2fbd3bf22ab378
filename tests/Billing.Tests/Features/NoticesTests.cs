using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Notices;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class NoticesTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_payment_notice_per_owner_lists_items_amounts_due_dates_and_the_fee_breakdown_and_is_sent_once_as_requested()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, ownerId) = await billing.UnitAsync(estateId, 90m, BillingService.LastMonth);
        await billing.ApprovedRateAsync(estateId, "management-fee", 2.5m, BillingService.LastMonth.AddMonths(-1));
        (await billing.RunAsync(estateId, BillingService.LastMonth)).Status.Should().Be("Posted");
        var charge = new ChargeRaised(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, "paid-service", 40m, "CNY", "maintenance", Guid.NewGuid(), "Tap replaced");
        await billing.Bus.Publish(charge, Ct);
        await billing.HandledAsync("ChargeRaisedConsumer", charge.EventId);
        var manager = billing.Manager(estateId);
        var period = Billing.Month(BillingService.LocalToday);

        var response = await manager.PostAsJsonAsync("/api/billing/notices", new { estateId, period }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var issued = (await response.Content.ReadFromJsonAsync<IssuedNoticesResponse>(ApiJson.Options, Ct))!;
        var notice = issued.Notices.Should().ContainSingle().Subject;
        (notice.OwnerId, notice.Total, notice.DeliveryStatus, notice.DueOn).Should().Be((ownerId, 225m + 40m, "requested", BillingService.LocalToday), "the notice is due when its oldest item is: the charge, due the day it was raised (the bill is due a payment term after posting)");
        notice.Lines.Select(l => (l.FeeItem, l.Outstanding, l.DueOn)).Should().Equal(
            ("paid-service", 40m, BillingService.LocalToday), ("management-fee", 225m, BillingService.LocalToday.AddDays(EstateBillingTerms.DefaultPaymentTermDays)));
        notice.Lines[1].Explanation.Should().StartWith("management-fee").And.Contain(" CNY × 90").And.EndWith("days", "the bill's breakdown explains the fee");
        notice.Lines[0].Explanation.Should().Be("Tap replaced");
        var sent = await billing.PublishedAsync<NotificationRequested>(n => n.TemplateKey == "payment-notice" && n.RecipientId == ownerId);
        (sent.Data["total"], sent.Data["noticeId"]).Should().Be(("265.00", notice.Id.ToString()));
        sent.Data["items"].Should().Contain("management-fee: 225.00 CNY");

        var again = (await (await manager.PostAsJsonAsync("/api/billing/notices", new { estateId, period }, Ct)).Content.ReadFromJsonAsync<IssuedNoticesResponse>(ApiJson.Options, Ct))!;
        (again.Issued, again.AlreadyIssued).Should().Be((0, 1));
        (await manager.GetFromJsonAsync<PaymentNoticeResponse[]>($"/api/billing/notices?estateId={estateId}&period={period}", ApiJson.Options, Ct))!.Should().ContainSingle();
    }

    [Fact]
    public async Task A_notice_records_each_channels_outcome_as_reception_reports_it_and_an_older_report_changes_nothing()
    {
        var estateId = await billing.NewEstateAsync();
        var (_, ownerId) = await billing.UnitAsync(estateId, 60m, BillingService.LastMonth);
        await billing.ApprovedRateAsync(estateId, "management-fee", 2m, BillingService.LastMonth.AddMonths(-1));
        (await billing.RunAsync(estateId, BillingService.LastMonth)).Status.Should().Be("Posted");
        var manager = billing.Manager(estateId);
        var period = Billing.Month(BillingService.LocalToday);
        (await manager.PostAsJsonAsync("/api/billing/notices", new { estateId, period }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var request = await billing.PublishedAsync<NotificationRequested>(n => n.TemplateKey == "payment-notice" && n.RecipientId == ownerId);
        var at = DateTimeOffset.UtcNow;

        async Task<PaymentNoticeResponse> ReportAsync(string channel, string status, string? reason, DateTimeOffset reportedAt)
        {
            var report = new NotificationDeliveryReported(Guid.NewGuid(), reportedAt, estateId, request.CorrelationId, request.EventId, channel, status, reason);
            await billing.Bus.Publish(report, Ct);
            await billing.HandledAsync("NotificationDeliveryReportedConsumer", report.EventId);
            return (await manager.GetFromJsonAsync<PaymentNoticeResponse[]>($"/api/billing/notices?estateId={estateId}&period={period}", ApiJson.Options, Ct))!.Single();
        }

        var smsFailed = await ReportAsync("sms", "failed", "failed after 3 attempts", at);
        var appSent = await ReportAsync("app", "sent", null, at.AddSeconds(1));
        var staleSms = await ReportAsync("sms", "sent", null, at.AddSeconds(-30));
        var otherRequest = new NotificationDeliveryReported(Guid.NewGuid(), at, estateId, Guid.NewGuid(), Guid.NewGuid(), "email", "failed", "undeliverable");
        await billing.Bus.Publish(otherRequest, Ct);
        await billing.HandledAsync("NotificationDeliveryReportedConsumer", otherRequest.EventId);

        smsFailed.DeliveryStatus.Should().Be("failed", "the only channel reported so far failed: the owner has not been told");
        appSent.DeliveryStatus.Should().Be("sent", "the notice is in the owner's app");
        appSent.Deliveries.Select(d => (d.Channel, d.Status, d.Reason)).Should().BeEquivalentTo([("sms", "failed", "failed after 3 attempts"), ("app", "sent", (string?)null)]);
        staleSms.Deliveries.Should().BeEquivalentTo(appSent.Deliveries, "a report older than the channel's latest is out of order and changes nothing");
    }

    [Fact]
    public async Task Issuing_notices_needs_an_estate_and_a_month_and_is_the_estate_managers()
    {
        var estateId = await billing.NewEstateAsync();

        (await (await billing.Manager(estateId).PostAsJsonAsync("/api/billing/notices", new { period = "soon" }, Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo("estateId", "period");
        (await billing.Cashier(estateId).PostAsJsonAsync("/api/billing/notices", new { estateId, period = "2026-11" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
