using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.SecurityGate.Features.Incidents;
using PropertyPlatform.ServiceDefaults.Kpis;

namespace PropertyPlatform.SecurityGate.Tests.Safety;

public sealed class KpiTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_kpis_count_checkpoints_on_time_fire_checks_done_and_incidents_handled_of_the_month()
    {
        var estate = await gate.NewEstateAsync();
        var now = DateTimeOffset.UtcNow;
        var month = await gate.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SecurityGateDbContext>();
            var calendar = (await db.EstateCalendars.AsNoTracking().SingleAsync(c => c.EstateId == estate, Ct)).ToCalendar();
            // Two checkpoints 30 minutes overdue (one scanned in time, one missed) and one not due yet.
            var start = calendar.ToLocal(now.AddMinutes(-40));
            var route = PatrolRoute.Create(estate, "Round", [new("A", "A", 0), new("B", "B", 0), new("C", "C", 60)], [new TimeOnly(start.Hour, start.Minute)], now.AddHours(-1));
            var visits = route.LayOutRounds(now.AddMinutes(1), calendar);
            visits.Single(v => v.Code == "A").Scan(visits.Single(v => v.Code == "A").ExpectedAt.AddMinutes(2), "guard");
            db.Routes.Add(route);
            db.CheckpointVisits.AddRange(visits);
            // A daily fire check due an hour ago, never done.
            var dueBy = calendar.ToLocal(now.AddHours(-1));
            var routine = FireCheckRoutine.Create(estate, FireCheckKind.FireLane, "Lane", 1, new TimeOnly(dueBy.Hour, dueBy.Minute), now.AddHours(-3));
            db.FireCheckRoutines.Add(routine);
            db.FireChecks.AddRange(routine.LayOut(now, calendar));
            await db.SaveChangesAsync(Ct);
            return calendar.ToLocal(now).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        });
        var first = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/incidents",
            new { estateId = estate, kind = "Theft", severity = "Low", location = "Lobby", description = "Wallet" }, Ct)).ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/incidents",
            new { estateId = estate, kind = "Disturbance", severity = "Low", location = "Block 9", description = "Noise" }, Ct);
        await gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/incidents/{first.Id}/handled", new { resolution = "Returned" }, Ct);

        var report = await (await gate.Supervisor(estate).GetAsync($"/api/security-gate/kpis?estateId={estate}&month={month}", Ct)).ReadAsync<KpiReport>(HttpStatusCode.OK);
        var byGuard = await gate.Guard(estate).GetAsync($"/api/security-gate/kpis?estateId={estate}&month={month}", Ct);
        var elsewhere = await gate.Supervisor(Guid.NewGuid()).GetAsync($"/api/security-gate/kpis?estateId={estate}&month={month}", Ct);

        var kpis = report.Kpis.ToDictionary(k => k.Key);
        (kpis["patrol-checkpoints-on-time"].Numerator, kpis["patrol-checkpoints-on-time"].Denominator).Should().Be((1, 2));
        (kpis["fire-checks-done"].Numerator, kpis["fire-checks-done"].Denominator).Should().Be((0, 1));
        (kpis["incidents-handled"].Numerator, kpis["incidents-handled"].Denominator).Should().Be((1, 2));
        kpis["incidents-handled"].Actual.Should().Be(0.5m);
        byGuard.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        elsewhere.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_failed_fire_check_done_on_time_counts_as_done_its_finding_is_followed_by_the_alert()
    {
        var estate = await gate.NewEstateAsync();
        var now = DateTimeOffset.UtcNow;
        var month = await gate.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SecurityGateDbContext>();
            var calendar = (await db.EstateCalendars.AsNoTracking().SingleAsync(c => c.EstateId == estate, Ct)).ToCalendar();
            // A daily lane check due an hour ago, done before its time, and the lane was blocked.
            var dueBy = calendar.ToLocal(now.AddHours(-1));
            var routine = FireCheckRoutine.Create(estate, FireCheckKind.FireLane, "Lane", 1, new TimeOnly(dueBy.Hour, dueBy.Minute), now.AddHours(-3));
            var checks = routine.LayOut(now, calendar);
            var due = checks.Where(c => c.DueAt < now).OrderByDescending(c => c.DueAt).First();
            due.Record(false, "Van parked across the lane", "guard", due.DueAt.AddMinutes(-5));
            db.FireCheckRoutines.Add(routine);
            db.FireChecks.AddRange(checks);
            await db.SaveChangesAsync(Ct);
            return calendar.ToLocal(now).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        });

        var report = await (await gate.Supervisor(estate).GetAsync($"/api/security-gate/kpis?estateId={estate}&month={month}", Ct)).ReadAsync<KpiReport>(HttpStatusCode.OK);

        var fireChecks = report.Kpis.Single(k => k.Key == "fire-checks-done");
        (fireChecks.Numerator, fireChecks.Denominator).Should().Be((1, 1), "the check was done on schedule; that it found a blocked lane is not a miss");
    }
}
