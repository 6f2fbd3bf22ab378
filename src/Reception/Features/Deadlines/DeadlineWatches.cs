using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Features.Deadlines;

/// <summary>The 5-minute routing rule of every customer request.</summary>
public sealed class RequestRoutingWatch : ISlaWatch<ReceptionDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(ReceptionDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.Requests.WithClockDueAsync(r => r.Routing, now, limit, cancellationToken);
        return [.. due.Select(r => new WatchedDeadline(Subjects.Request, r.Id, r.EstateId, r.CorrelationId, CustomerRequest.RoutingRule, r.Routing))];
    }
}

/// <summary>Feedback to the requester the same estate-local day.</summary>
public sealed class RequestFeedbackWatch : ISlaWatch<ReceptionDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(ReceptionDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.Requests.WithClockDueAsync(r => r.Feedback, now, limit, cancellationToken);
        return [.. due.Select(r => new WatchedDeadline(Subjects.Request, r.Id, r.EstateId, r.CorrelationId, CustomerRequest.SameDayFeedback, r.Feedback))];
    }
}

/// <summary>The 24-hour callback after the work is done.</summary>
public sealed class CallbackWatch : ISlaWatch<ReceptionDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(ReceptionDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.Callbacks.WithClockDueAsync(c => c.Due, now, limit, cancellationToken);
        return [.. due.Select(c => new WatchedDeadline(Subjects.Callback, c.Id, c.EstateId, c.CorrelationId, c.Policy, c.Due))];
    }
}

/// <summary>The online service's answer to an owner's message within 5 minutes of staffed time.</summary>
public sealed class OwnerMessageWatch : ISlaWatch<ReceptionDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(ReceptionDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.OwnerMessages.WithClockDueAsync(m => m.Answering, now, limit, cancellationToken);
        return [.. due.Select(m => new WatchedDeadline(Subjects.OwnerMessage, m.Id, m.EstateId, m.Id, OwnerMessage.AnswerRule, m.Answering!))];
    }
}

/// <summary>The estate manager's Monday approval of last week's called-back tickets.</summary>
public sealed class CallbackApprovalWatch : ISlaWatch<ReceptionDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(ReceptionDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.CallbackApprovals.WithClockDueAsync(a => a.Due, now, limit, cancellationToken);
        return [.. due.Select(a => new WatchedDeadline(Subjects.CallbackApproval, a.Id, a.EstateId, a.Id, CallbackApproval.Deadline, a.Due)
        {
            Holder = PropertyPlatform.ServiceDefaults.Security.PlatformRoles.EstateManager,
        })];
    }
}

/// <summary>The year's home visits: every household short of its two visits from 1 November on.</summary>
public sealed class VisitCoverageWatch : ISlaWatch<ReceptionDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(ReceptionDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.VisitCoverageYears.WithClockDueAsync(y => y.Due, now, limit, cancellationToken);
        return [.. due.Select(y => new WatchedDeadline(Subjects.VisitCoverage, y.Id, y.EstateId, y.Id, VisitCoverageYear.Deadline, y.Due))];
    }
}

/// <summary>A violation's rectification day: put right by its end, estate-local.</summary>
public sealed class ViolationRectificationWatch : ISlaWatch<ReceptionDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(ReceptionDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.Violations.WithClockDueAsync(v => v.Rectification, now, limit, cancellationToken);
        return [.. due.Select(v => new WatchedDeadline(Subjects.ViolationRectification, v.Id, v.EstateId, v.Id, Violation.RectificationDeadline, v.Rectification!))];
    }
}

/// <summary>The names reception's deadlines carry in SLA events.</summary>
public static class Subjects
{
    public const string Request = "customer-request";
    public const string Complaint = "complaint";
    public const string Callback = "callback";
    public const string Emergency = "emergency";
    public const string OwnerMessage = "owner-message";
    public const string CallbackApproval = "callback-approval";
    public const string VisitCoverage = "home-visit-coverage";
    public const string ViolationRectification = "violation-rectification";
}
