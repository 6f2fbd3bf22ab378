using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.HrTraining.Consumers;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Appraisal;
using PropertyPlatform.HrTraining.Tests.Features.Attendance;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class AppraisalApiTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string MonthOf(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, HrTrainingService.TimeZone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private Task<AppraisalResponse?> AppraisalAsync(Guid estate, Guid staffId, string period) =>
        hr.Manager(estate).GetFromJsonAsync<AppraisalResponse>($"/api/hr-training/appraisal/{staffId}?period={period}", ApiJson.Options, Ct);

    [Fact]
    public async Task A_satisfied_and_a_dissatisfied_callback_show_in_the_technicians_appraisal_once_each()
    {
        var estate = await hr.NewEstateAsync();
        var technician = await hr.HireAsync([estate], name: "Zhao Plumber");
        var now = DateTimeOffset.UtcNow;
        var satisfied = new CallbackCompleted(Guid.NewGuid(), now, estate, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            technician.StaffId, technician.DisplayName, 5, 5, 4, Satisfied: true, WithinDeadline: true);
        var dissatisfied = new CallbackCompleted(Guid.NewGuid(), now, estate, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            technician.StaffId, technician.DisplayName, 2, 1, 2, Satisfied: false, WithinDeadline: true);

        // The same callback's outcome again under a new event id, but older: changes nothing.
        var older = satisfied with { EventId = Guid.NewGuid(), OccurredAt = now.AddHours(-1), Satisfied = false };
        await hr.Bus.Publish(satisfied, Ct);
        await hr.Bus.Publish(dissatisfied, Ct);
        await hr.Bus.Publish(satisfied, Ct);
        await hr.Bus.Publish(older, Ct);

        // Until every event is consumed: consumed concurrently, the older one can land first and the newer one, having
        // collided with it, land on its retry (CI once read the appraisal in between).
        Guid[] events = [satisfied.EventId, dissatisfied.EventId, older.EventId];
        await Eventually.Async(async () => await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().InboxMessages
                .CountAsync(m => events.Contains(m.MessageId) && m.Consumer == nameof(CallbackCompletedConsumer), Ct)) == 3,
            TimeSpan.FromSeconds(30), "each event should be consumed, once");
        var month = MonthOf(now);
        var callbacks = (await AppraisalAsync(estate, technician.StaffId, month))!.Callbacks;
        callbacks.Should().BeEquivalentTo(new { Count = 2, Satisfied = 1, SatisfactionRate = 0.5m, AverageAttitude = 3.5m, AverageQuality = 3m, AverageSpeed = 3m });
    }

    [Fact]
    public async Task A_missed_deadline_counts_once_against_the_person_responsible()
    {
        var estate = await hr.NewEstateAsync();
        var clerk = await hr.HireAsync([estate], [], name: "Late Responder", position: "front-desk clerk");
        var now = DateTimeOffset.UtcNow;
        var breach = new SlaBreached(Guid.NewGuid(), now, estate, Guid.NewGuid(), "reception", "customer-request", Guid.NewGuid(), "routing-5-minutes",
            now.AddMinutes(-1), "cs-supervisor", clerk.StaffId);
        var nobodys = breach with { EventId = Guid.NewGuid(), SubjectId = Guid.NewGuid(), ResponsibleStaffId = null };

        await hr.InScopeAsync(async sp =>
        {
            foreach (var message in new[] { breach, breach, breach with { EventId = Guid.NewGuid() }, nobodys })
            {
                await new SlaBreachedConsumer(sp.GetRequiredService<HrTrainingDbContext>(), TimeProvider.System).ConsumeAsync(message, Ct);
            }

            return true;
        });

        var appraisal = (await AppraisalAsync(estate, clerk.StaffId, MonthOf(now)))!;
        appraisal.SlaMisses.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Service = "reception", Policy = "routing-5-minutes", breach.SubjectId });
    }

    [Fact]
    public async Task Clerks_with_fewer_than_two_written_assessments_in_a_week_are_flagged_and_the_kpi_counts_them()
    {
        var estate = await hr.NewEstateAsync();
        var (once, _) = await hr.ClerkWithDeviceAsync(estate, "Assessed Once");
        var (twice, _) = await hr.ClerkWithDeviceAsync(estate, "Assessed Twice");
        var today = HrTrainingService.LocalToday;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 14);
        foreach (var clerk in new[] { once, twice })
        {
            await hr.RosterAsync(estate, clerk, monday.AddDays(1));
        }

        var supervisor = hr.Supervisor(estate);
        foreach (var (clerk, day) in new[] { (once, monday.AddDays(1)), (twice, monday.AddDays(1)), (twice, monday.AddDays(4)) })
        {
            (await supervisor.PostAsJsonAsync("/api/hr-training/appraisal/assessments", new
            {
                staffId = clerk.StaffId, estateId = estate, day = Staffing.Day(day), score = 4, text = "Greets owners well, logs every request.",
            }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var shortfalls = (await hr.Manager(estate).GetFromJsonAsync<AssessmentShortfall[]>(
            $"/api/hr-training/appraisal/assessment-shortfalls?estateId={estate}&week={Staffing.Day(monday)}", ApiJson.Options, Ct))!;
        var report = (await hr.Manager(estate).GetFromJsonAsync<KpiReport>(
            $"/api/hr-training/kpis?estateId={estate}&month={Staffing.Day(monday)[..7]}", ApiJson.Options, Ct))!;

        shortfalls.Should().ContainSingle().Which.Should().BeEquivalentTo(new { once.StaffId, Assessments = 1, Required = 2 });
        var kpi = report.Kpis.Should().ContainSingle(k => k.Key == "assessments-twice-a-week").Which;
        (kpi.Numerator, kpi.Denominator).Should().Be((1, 2));
        var appraisal = (await AppraisalAsync(estate, twice.StaffId, Staffing.Day(monday)[..7]))!;
        appraisal.Assessments.Count.Should().Be(2);
        appraisal.Assessments.AverageScore.Should().Be(4m);
        appraisal.Attendance.Absent.Should().Be(1, "the rostered day passed with no sign-in");
    }

    [Fact]
    public async Task Rewards_and_sanctions_are_recorded_and_a_sanction_can_require_re_training()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate);
        var today = Staffing.Day(HrTrainingService.LocalToday);
        var supervisor = hr.Supervisor(estate);

        (await supervisor.PostAsJsonAsync($"/api/hr-training/appraisal/{clerk.StaffId}/actions",
            new { estateId = estate, kind = "Reward", day = today, reason = "Owner's letter of thanks" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await supervisor.PostAsJsonAsync($"/api/hr-training/appraisal/{clerk.StaffId}/actions",
            new { estateId = estate, kind = "Sanction", day = today, reason = "Wrong fee quoted", retraining = true }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await supervisor.PostAsJsonAsync($"/api/hr-training/appraisal/{clerk.StaffId}/actions",
                new { kind = "Bonus", day = "today", reason = "", retraining = true }, Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo(["estateId", "kind", "day", "reason"]);
        (await (await supervisor.PostAsJsonAsync($"/api/hr-training/appraisal/{clerk.StaffId}/actions",
                new { estateId = estate, kind = "Reward", day = today, reason = "Re-train a reward?", retraining = true }, Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo(["retraining"]);

        var appraisal = (await hr.As(clerk).GetFromJsonAsync<AppraisalResponse>($"/api/hr-training/appraisal/me?period={today[..4]}-Q{((HrTrainingService.LocalToday.Month - 1) / 3) + 1}", ApiJson.Options, Ct))!;
        appraisal.RewardsAndSanctions.Select(a => (a.Kind, a.RetrainingRequired)).Should().BeEquivalentTo([("Reward", false), ("Sanction", true)]);
    }

    [Fact]
    public async Task Assessments_refuse_bad_input_self_assessment_and_another_estate()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate);

        (await (await hr.Supervisor(estate).PostAsJsonAsync("/api/hr-training/appraisal/assessments", new { estateId = estate, day = "x", score = 9, text = "ok" }, Ct))
            .ErrorFieldsAsync()).Should().BeEquivalentTo(["staffId", "day", "score", "text"]);
        (await hr.CreateClient(new TestCaller(clerk.StaffId.ToString(), clerk.DisplayName, ["cs-supervisor"], [estate], [])).PostAsJsonAsync(
            "/api/hr-training/appraisal/assessments",
            new { staffId = clerk.StaffId, estateId = estate, day = Staffing.Day(HrTrainingService.LocalToday), score = 5, text = "I am excellent at this." }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.Manager(Guid.NewGuid()).GetAsync($"/api/hr-training/appraisal/{clerk.StaffId}?period=2026-12", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await hr.Manager(estate).GetAsync($"/api/hr-training/appraisal/{clerk.StaffId}?period=2026-13", Ct)).ErrorFieldsAsync()).Should().BeEquivalentTo(["period"]);
    }
}
