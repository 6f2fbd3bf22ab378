using PropertyPlatform.ServiceDefaults.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.Vendors;

public sealed record RegisterVendorCommand(Guid? EstateId, string? Name, IReadOnlyList<string>? Trades, string? ContactName, string? Phone);

public sealed record VendorResponse(Guid Id, Guid EstateId, string Name, IReadOnlyList<string> Trades, string ContactName, string Phone, DateTimeOffset CreatedAt)
{
    public static VendorResponse From(Vendor v) => new(v.Id, v.EstateId, v.Name, v.Trades, v.ContactName, v.Phone, v.CreatedAt);
}

/// <summary>Work given to a vendor: for a work order or a plan's task (one of them), what is to be done, and by when (yyyy-MM-dd).</summary>
public sealed record CommissionJobCommand(Guid? VendorId, Guid? WorkOrderId, Guid? PlanTaskId, string? Scope, string? DueOn);

/// <summary>The vendor's progress, 0-100 %; 100 means finished and ready for acceptance.</summary>
public sealed record ReportProgressCommand(int? Percent, string? Note);

/// <summary>The estate's verdict on finished work: accepted, or rejected with a reason.</summary>
public sealed record JobAcceptanceCommand(bool? Accepted, string? Reason);

public sealed record OutsourcedJobResponse(
    Guid Id, Guid EstateId, Guid VendorId, Guid? WorkOrderId, Guid? PlanTaskId, string Scope, DateOnly? DueOn, OutsourcedJobStatus Status, int Percent,
    IReadOnlyList<JobProgress> Progress, DateTimeOffset? AcceptedAt, string? RejectionReason, int Rejections, DateTimeOffset CreatedAt)
{
    public static OutsourcedJobResponse From(OutsourcedJob j) => new(
        j.Id, j.EstateId, j.VendorId, j.WorkOrderId, j.PlanTaskId, j.Scope, j.DueOn, j.Status, j.Percent, j.Progress, j.AcceptedAt, j.RejectionReason,
        j.Rejections, j.CreatedAt);
}

public sealed record ReviewScoreInput(string? Criterion, int? Score);

/// <summary>The quarter reviewed (<c>yyyy-Qn</c>) and a 1-5 score for every criterion (quality, timeliness, safety, cooperation).</summary>
public sealed record ReviewVendorCommand(string? Quarter, IReadOnlyList<ReviewScoreInput>? Scores, string? Notes);

public sealed record VendorReviewResponse(
    Guid Id, Guid VendorId, Guid EstateId, string Quarter, IReadOnlyList<ReviewScore> Scores, decimal Overall, string? Notes, DateTimeOffset ReviewedAt)
{
    public static VendorReviewResponse From(VendorReview r) => new(
        r.Id, r.VendorId, r.EstateId, $"{r.Year}-Q{r.Quarter}", r.Scores, r.Overall, r.Notes, r.ReviewedAt);
}

/// <summary>
/// Outsourced work: the estate's vendor register, jobs given to vendors for a work order or a plan's task with their
/// progress and acceptance, and each vendor's quarterly review.
/// </summary>
public static partial class VendorsApi
{
    public static RouteGroupBuilder MapVendorsApi(this RouteGroupBuilder api)
    {
        var vendors = api.MapGroup("/vendors").WithTags("Vendors");
        vendors.MapPost("/", Register).RequireRoles(MaintenanceRoles.Dispatchers);
        vendors.MapGet("/{id:guid}", Get).RequireRoles(MaintenanceRoles.Readers);
        vendors.MapGet("/", List).RequireRoles(MaintenanceRoles.Readers);
        vendors.MapPost("/{id:guid}/reviews", Review).RequireRoles(MaintenanceRoles.Dispatchers);
        vendors.MapGet("/{id:guid}/reviews", Reviews).RequireRoles(MaintenanceRoles.Readers);
        var jobs = api.MapGroup("/vendor-jobs").WithTags("Vendors");
        jobs.MapPost("/", Commission).RequireRoles(MaintenanceRoles.Dispatchers);
        jobs.MapGet("/{id:guid}", GetJob).RequireRoles(MaintenanceRoles.Readers);
        jobs.MapGet("/", ListJobs).RequireRoles(MaintenanceRoles.Readers);
        jobs.MapPost("/{id:guid}/progress", ReportProgress).RequireRoles(MaintenanceRoles.Dispatchers);
        jobs.MapPost("/{id:guid}/acceptance", Acceptance).RequireRoles(MaintenanceRoles.Dispatchers);
        return vendors;
    }

    public static async Task<Created<VendorResponse>> Register(
        RegisterVendorCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var name = errors.Text(command.Name, "name", maxLength: 200);
        var trades = new List<string>();
        if (command.Trades is not { Count: > 0 and <= 10 })
        {
            errors.Add("trades", "Required: 1 to 10 trades the vendor is engaged for.");
        }
        else
        {
            for (var i = 0; i < command.Trades.Count; i++)
            {
                if (Trades.Normalize(command.Trades[i]) is { } trade)
                {
                    trades.Add(trade);
                }
                else
                {
                    errors.Add($"trades[{i}]", $"Must be one of: {string.Join(", ", Trades.All)}.");
                }
            }
        }

        var contactName = errors.Text(command.ContactName, "contactName", maxLength: 200);
        var phone = errors.Phone(command.Phone, "phone");
        if (estateId != Guid.Empty)
        {
            scope.EnsureCanWrite(estateId);
            if (await db.Vendors.IgnoreQueryFilters().AnyAsync(v => v.EstateId == estateId && v.Name == name, cancellationToken))
            {
                errors.Add("name", "The estate already has a vendor of this name.");
            }
        }

        errors.ThrowIfAny();
        var vendor = Vendor.Register(estateId, name, trades.Distinct(), contactName, phone, WorkOrdersApi.Caller(scope), time.GetUtcNow());
        db.Vendors.Add(vendor);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/maintenance/vendors/{vendor.Id}", VendorResponse.From(vendor));
    }

    public static async Task<Ok<VendorResponse>> Get(Guid id, MaintenanceDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(VendorResponse.From(await db.Vendors.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw new NotFoundException("Vendor", id)));

    public static async Task<Ok<Page<VendorResponse>>> List(MaintenanceDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Vendors.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(v => v.EstateId == estateId);
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(v => v.CreatedAt, v => v.Id, cursor, limit, VendorResponse.From, cancellationToken));
    }

    public static async Task<Created<OutsourcedJobResponse>> Commission(
        CommissionJobCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var vendor = command.VendorId is not { } vendorId ? null
            : await db.Vendors.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(v => v.Id == vendorId, cancellationToken);
        if (vendor is null)
        {
            errors.Add("vendorId", command.VendorId is null ? "Required." : "No such vendor.");
        }
        else
        {
            scope.EnsureCanWrite(vendor.EstateId);
        }

        if (command.WorkOrderId is null == command.PlanTaskId is null)
        {
            errors.Add(command.WorkOrderId is null ? "workOrderId" : "planTaskId", "Give either the work order or the plan task the job is for, not both.");
        }
        else if (vendor is not null && command.WorkOrderId is { } workOrderId
            && !await db.WorkOrders.IgnoreQueryFilters().AnyAsync(w => w.Id == workOrderId && w.EstateId == vendor.EstateId, cancellationToken))
        {
            errors.Add("workOrderId", "No such work order in the vendor's estate.");
        }
        else if (vendor is not null && command.PlanTaskId is { } planTaskId
            && !await db.PlanTasks.IgnoreQueryFilters().AnyAsync(t => t.Id == planTaskId && t.EstateId == vendor.EstateId, cancellationToken))
        {
            errors.Add("planTaskId", "No such plan task in the vendor's estate.");
        }

        var jobScope = errors.Text(command.Scope, "scope", maxLength: 4000);
        DateOnly? dueOn = command.DueOn is null ? null : errors.LocalDate(command.DueOn, "dueOn");
        errors.ThrowIfAny();
        var job = OutsourcedJob.Commission(vendor!, command.WorkOrderId, command.PlanTaskId, jobScope, dueOn, WorkOrdersApi.Caller(scope), time.GetUtcNow());
        db.OutsourcedJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/maintenance/vendor-jobs/{job.Id}", OutsourcedJobResponse.From(job));
    }

    public static async Task<Ok<OutsourcedJobResponse>> GetJob(Guid id, MaintenanceDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(OutsourcedJobResponse.From(await db.OutsourcedJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken)
            ?? throw new NotFoundException("Outsourced job", id)));

    /// <summary>Jobs of the caller's estates, newest first: of a vendor, or for a work order.</summary>
    public static async Task<Ok<Page<OutsourcedJobResponse>>> ListJobs(
        MaintenanceDbContext db, Guid? estateId, Guid? vendorId, Guid? workOrderId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.OutsourcedJobs.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(j => j.EstateId == estateId);
        }

        if (vendorId is not null)
        {
            query = query.Where(j => j.VendorId == vendorId);
        }

        if (workOrderId is not null)
        {
            query = query.Where(j => j.WorkOrderId == workOrderId);
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(j => j.CreatedAt, j => j.Id, cursor, limit, OutsourcedJobResponse.From, cancellationToken));
    }

    public static async Task<Ok<OutsourcedJobResponse>> ReportProgress(
        Guid id, ReportProgressCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var job = await LoadJobForWriteAsync(id, db, scope, cancellationToken);
        var errors = new InputErrors();
        if (command.Percent is not (>= 0 and <= 100))
        {
            errors.Add("percent", "Required: 0 to 100.");
        }

        var note = errors.Text(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        job.ReportProgress(command.Percent!.Value, note, WorkOrdersApi.Caller(scope), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OutsourcedJobResponse.From(job));
    }

    public static async Task<Ok<OutsourcedJobResponse>> Acceptance(
        Guid id, JobAcceptanceCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var job = await LoadJobForWriteAsync(id, db, scope, cancellationToken);
        var errors = new InputErrors();
        if (command.Accepted is null)
        {
            errors.Add("accepted", "Required: true when the work is accepted, false when it is rejected.");
        }

        var reason = command.Accepted == false ? errors.Text(command.Reason, "reason", maxLength: 2000) : null;
        errors.ThrowIfAny();
        if (command.Accepted == true)
        {
            job.Accept(WorkOrdersApi.Caller(scope), time.GetUtcNow());
        }
        else
        {
            job.Reject(reason!);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OutsourcedJobResponse.From(job));
    }

    /// <summary>The quarter's review of the vendor: every criterion scored 1-5, once per quarter (a second is 409), for a quarter that has begun.</summary>
    public static async Task<Created<VendorReviewResponse>> Review(
        Guid id, ReviewVendorCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var vendor = await db.Vendors.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw new NotFoundException("Vendor", id);
        scope.EnsureCanWrite(vendor.EstateId);
        var errors = new InputErrors();
        var now = time.GetUtcNow();
        var (year, quarter) = Quarter(command.Quarter, errors);
        var known = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == vendor.EstateId, cancellationToken);
        var today = known?.ToCalendar().LocalDay(now) ?? DateOnly.FromDateTime(now.UtcDateTime);
        if (year > 0 && (year > today.Year || (year == today.Year && quarter > ((today.Month - 1) / 3) + 1)))
        {
            errors.Add("quarter", "A quarter is reviewed once it has begun, not ahead.");
        }

        var given = command.Scores ?? [];
        var scores = new List<ReviewScore>();
        for (var i = 0; i < given.Count && i < VendorReview.Criteria.Count * 2; i++)
        {
            var criterion = given[i].Criterion?.Trim().ToLowerInvariant();
            if (criterion is null || !VendorReview.Criteria.Contains(criterion))
            {
                errors.Add($"scores[{i}].criterion", $"Must be one of: {string.Join(", ", VendorReview.Criteria)}.");
            }
            else if (scores.Any(s => s.Criterion == criterion))
            {
                errors.Add($"scores[{i}].criterion", "Scored twice.");
            }

            if (given[i].Score is not (>= 1 and <= 5))
            {
                errors.Add($"scores[{i}].score", "Required: 1 (poor) to 5 (excellent).");
            }

            scores.Add(new ReviewScore(criterion ?? "", given[i].Score ?? 0));
        }

        var missing = VendorReview.Criteria.Where(c => given.All(s => s.Criterion?.Trim().ToLowerInvariant() != c)).ToList();
        if (missing.Count > 0)
        {
            errors.Add("scores", $"Every criterion must be scored; missing: {string.Join(", ", missing)}.");
        }

        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 4000);
        errors.ThrowIfAny();
        var review = VendorReview.Record(vendor, year, quarter, scores, notes, WorkOrdersApi.Caller(scope), now);
        db.VendorReviews.Add(review);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"{vendor.Name} has been reviewed for {year}-Q{quarter} already.");
        }

        return TypedResults.Created($"/api/maintenance/vendors/{vendor.Id}/reviews", VendorReviewResponse.From(review));
    }

    public static async Task<Ok<IReadOnlyList<VendorReviewResponse>>> Reviews(Guid id, MaintenanceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Vendors.AnyAsync(v => v.Id == id, cancellationToken))
        {
            throw new NotFoundException("Vendor", id);
        }

        var reviews = await db.VendorReviews.AsNoTracking().Where(r => r.VendorId == id)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<VendorReviewResponse>>([.. reviews.Select(VendorReviewResponse.From)]);
    }

    private static async Task<OutsourcedJob> LoadJobForWriteAsync(Guid id, MaintenanceDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var job = await db.OutsourcedJobs.IgnoreQueryFilters().SingleOrDefaultAsync(j => j.Id == id, cancellationToken)
            ?? throw new NotFoundException("Outsourced job", id);
        scope.EnsureCanWrite(job.EstateId);
        return job;
    }

    private static (int Year, int Quarter) Quarter(string? value, InputErrors errors)
    {
        var match = value is null ? null : QuarterPattern().Match(value.Trim());
        if (match is not { Success: true })
        {
            errors.Add("quarter", "Required: the quarter as yyyy-Qn, e.g. 2026-Q4.");
            return (0, 0);
        }

        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^(20[0-9]{2})-Q([1-4])$", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();
}
