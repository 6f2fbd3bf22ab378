using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.Reception.Features.Callbacks;

public sealed record ApproveCallbacksCommand(string? Note);

public sealed record CallbackApprovalResponse(
    Guid Id, Guid EstateId, DateOnly WeekStart, CallbackApprovalStatus Status, DateTimeOffset DueAt, bool Breached, string? ApproverName,
    DateTimeOffset? ApprovedAt, string? Note);

/// <summary>
/// Every Monday, last week's called-back tickets go to the estate manager for approval: the scheduler opens each
/// estate's review once its Monday has come (estate-local); the manager reads the week's callbacks and approves.
/// </summary>
public static class CallbackApprovalsApi
{
    public static RouteGroupBuilder MapCallbackApprovalsApi(this RouteGroupBuilder api)
    {
        var approvals = api.MapGroup("/callback-approvals").WithTags("Callbacks").RequireRoles(ReceptionRoles.Supervisors);
        approvals.MapGet("/", ListApprovals);
        approvals.MapGet("/{id:guid}", GetApproval);
        approvals.MapGet("/{id:guid}/callbacks", ListWeeksCallbacks);
        approvals.MapPost("/{id:guid}/approve", Approve).RequireRoles(PlatformRoles.EstateManager);
        return api;
    }

    /// <summary>An estate's weekly reviews, newest first; optionally only those still pending.</summary>
    public static async Task<Ok<Page<CallbackApprovalResponse>>> ListApprovals(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var statusFilter = status is null ? (CallbackApprovalStatus?)null : errors.Enum<CallbackApprovalStatus>(status, "status");
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var query = db.CallbackApprovals.AsNoTracking();
        query = estateId is null ? query : query.Where(a => a.EstateId == estateId);
        query = statusFilter is null ? query : query.Where(a => a.Status == statusFilter);
        return TypedResults.Ok(await query.ToKeysetPageAsync(a => a.CreatedAt, a => a.Id, cursor, limit, a => ToResponse(a, now), cancellationToken));
    }

    public static async Task<Ok<CallbackApprovalResponse>> GetApproval(Guid id, ReceptionDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await FindAsync(db, id, cancellationToken), time.GetUtcNow()));

    /// <summary>The tickets under review: the estate's callbacks made during the reviewed week (estate-local), latest first.</summary>
    public static async Task<Ok<Page<CallbackResponse>>> ListWeeksCallbacks(
        Guid id, ReceptionDbContext db, TimeProvider time, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var approval = await FindAsync(db, id, cancellationToken);
        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == approval.EstateId, cancellationToken);
        var (from, to) = approval.Week(estate.Calendar());
        var now = time.GetUtcNow();
        var query = db.Callbacks.AsNoTracking()
            .Where(c => c.EstateId == approval.EstateId && c.Status == CallbackStatus.Completed && c.CalledAt >= from && c.CalledAt < to);
        return TypedResults.Ok(await query.ToKeysetPageAsync(c => c.CalledAt!.Value, c => c.Id, cursor, limit, c => CallbacksApi.ToResponse(c, now), cancellationToken));
    }

    /// <summary>The estate manager approves the week (once; again is a conflict).</summary>
    public static async Task<Ok<CallbackApprovalResponse>> Approve(
        Guid id, ApproveCallbacksCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var note = errors.OptionalText(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var approval = await db.CallbackApprovals.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Callback approval", id);
        scope.EnsureCanWrite(approval.EstateId);
        var now = time.GetUtcNow();
        if (!approval.Approve(scope.Account(), scope.DisplayName(), note, now))
        {
            throw new ConflictException($"The week of {approval.WeekStart:yyyy-MM-dd} was approved at {approval.ApprovedAt:u} by {approval.ApproverName}.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(approval, now));
    }

    private static async Task<CallbackApproval> FindAsync(ReceptionDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.CallbackApprovals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Callback approval", id);

    private static CallbackApprovalResponse ToResponse(CallbackApproval a, DateTimeOffset now) => new(
        a.Id, a.EstateId, a.WeekStart, a.Status, a.Due.DueAt, a.Due.BreachedAt is not null || (a.Due.CompletedAt ?? now) > a.Due.DueAt,
        a.ApproverName, a.ApprovedAt, a.Note);
}

/// <summary>Opens each estate's review of last week once its Monday has come, estate-local; safe to run anywhere, any number of times.</summary>
public sealed class CallbackApprovalScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<CallbackApprovalScheduler> logger)
    : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override string Description => "Opening the weekly callback approvals";

    protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken) =>
        OpenDueAsync(services.GetRequiredService<ReceptionDbContext>(), now, cancellationToken);

    /// <summary>Opens the missing reviews of last week; returns how many it opened.</summary>
    public static async Task<int> OpenDueAsync(ReceptionDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opened = 0;
        foreach (var estate in await db.Estates.AsNoTracking().ToListAsync(cancellationToken))
        {
            var calendar = estate.Calendar();
            var lastWeek = CallbackApproval.LastWeekOf(calendar.LocalDay(now));
            if (await db.CallbackApprovals.AnyAsync(a => a.EstateId == estate.Id && a.WeekStart == lastWeek, cancellationToken))
            {
                continue;
            }

            db.CallbackApprovals.Add(CallbackApproval.Open(estate.Id, lastWeek, calendar, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                opened++;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another replica opened it first.
                db.ChangeTracker.Clear();
            }
        }

        return opened;
    }
}
