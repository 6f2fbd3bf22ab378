using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Discipline;

/// <summary>A breach of the rules by the person, on an estate-local day, in one of their estates.</summary>
public sealed record RecordBreachCommand(Guid? EstateId, string? OccurredOn, string? Breach);

/// <summary>The estate manager's decision on a dismissal proposal; <c>lastDay</c> (estate-local) is required to confirm.</summary>
public sealed record DecideDismissalCommand(bool? Confirm, string? Note, string? LastDay);

public sealed record DisciplinaryStepResponse(
    Guid Id, Guid EstateId, Guid StaffId, int BreachNumber, DateOnly OccurredOn, string Breach, string Step, DateTimeOffset RecordedAt,
    string RecordedBy, string? Decision, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote);

/// <summary>The person's file: the employment and every step of the discipline ladder, oldest first.</summary>
public sealed record StaffFileResponse(StaffResponse Employment, DisciplinaryStepResponse[] Discipline);

/// <summary>
/// The discipline ladder (domain.md): the first breach earns a verbal warning, the second a written warning kept on
/// file, every later one a dismissal proposal the estate manager of the person's home estate decides. A confirmed
/// dismissal ends the employment the one way employments end (<c>EmploymentEnded</c>: identity disables the account).
/// The managers of that estate are told of each proposal when it is recorded, and find the undecided ones in a list.
/// </summary>
public static class DisciplineApi
{
    /// <summary>Reception's template key for the estate manager's notice of a dismissal proposal (its catalogue holds the wording).</summary>
    [NotificationTemplate]
    public const string ProposalTemplate = "dismissal-proposed";

    /// <summary>Who sees the undecided proposals: the estate manager who decides them, and HR.</summary>
    private static readonly string[] ProposalReaders = [PlatformRoles.EstateManager, PlatformRoles.Trainer];

    public static RouteGroupBuilder MapDisciplineApi(this RouteGroupBuilder api)
    {
        api.MapPost("/staff/{staffId:guid}/breaches", RecordBreach).WithTags("Discipline").RequireRoles(HrTrainingRoles.Supervisors);
        api.MapGet("/staff/{staffId:guid}/file", File).WithTags("Discipline").RequireRoles(HrTrainingRoles.Readers);
        api.MapGet("/staff/me/file", MyFile).WithTags("Discipline").RequireRoles(HrTrainingRoles.Staff);
        api.MapGet("/discipline/proposals", PendingProposals).WithTags("Discipline").RequireRoles(ProposalReaders);
        api.MapPost("/discipline/{id:guid}/decide", Decide).WithTags("Discipline").RequireRoles(PlatformRoles.EstateManager);
        return api;
    }

    public static async Task<Created<DisciplinaryStepResponse>> RecordBreach(
        Guid staffId, RecordBreachCommand command, HrTrainingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var occurredOn = errors.LocalDate(command.OccurredOn, "occurredOn");
        var breach = errors.Text(command.Breach, "breach", maxLength: 1000);
        errors.ThrowIfAny();
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken) ?? throw new NotFoundException("Staff member", staffId);
        scope.EnsureCanWrite(estateId);
        if (!staff.WorksIn(estateId))
        {
            throw new ValidationFailedException("estateId", $"{staff.DisplayName} does not work in this estate.");
        }

        if (!staff.IsActive)
        {
            throw new ConflictException($"The employment of {staff.DisplayName} ({staffId}) has ended.");
        }

        // The ladder counts the person's breaches in every estate: moving estate does not wipe the slate.
        var earlier = await db.DisciplinarySteps.IgnoreQueryFilters().CountAsync(d => d.StaffId == staffId, cancellationToken);
        var step = DisciplinaryStep.Record(estateId, staffId, earlier + 1, occurredOn, breach, scope.Account(), time.GetUtcNow());
        db.DisciplinarySteps.Add(step);
        if (step.Step == DisciplineStepKind.DismissalProposal)
        {
            await NotifyManagersAsync(db, staff, step, correlation.CorrelationId, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Two breaches recorded at once cannot both be "the second": the unique breach number refuses one.
            throw new ConflictException($"{staff.DisplayName}'s file changed meanwhile; record the breach again.");
        }

        return TypedResults.Created($"/api/hr-training/staff/{staffId}/file", ToResponse(step));
    }

    public static async Task<Ok<StaffFileResponse>> File(Guid staffId, HrTrainingDbContext db, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken) ?? throw new NotFoundException("Staff member", staffId);
        return TypedResults.Ok(await FileOfAsync(db, staff, cancellationToken));
    }

    /// <summary>The caller's own file.</summary>
    public static async Task<Ok<StaffFileResponse>> MyFile(HrTrainingDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var staffId = Attendance.AttendanceApi.CallerStaffId(scope);
        var staff = await db.Staff.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new NotFoundException("Staff member", staffId);
        return TypedResults.Ok(await FileOfAsync(db, staff, cancellationToken));
    }

    /// <summary>
    /// The undecided dismissal proposals of the people whose home estate is <paramref name="estateId"/> (its manager
    /// decides them, wherever the breach happened), newest first.
    /// </summary>
    public static async Task<Ok<Page<DisciplinaryStepResponse>>> PendingProposals(
        HrTrainingDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        if (!db.Scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var query = db.DisciplinarySteps.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Decision == DismissalDecision.Pending && db.Staff.IgnoreQueryFilters().Any(s => s.Id == d.StaffId && s.EstateId == estate));
        return TypedResults.Ok(await query.ToKeysetPageAsync(d => d.RecordedAt, d => d.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Confirms or declines a dismissal proposal; confirming ends the employment in the same transaction.</summary>
    public static async Task<Ok<DisciplinaryStepResponse>> Decide(
        Guid id, DecideDismissalCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, CorrelationContext correlation,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Confirm is null)
        {
            errors.Add("confirm", "Required: true to dismiss, false to keep the person.");
        }

        var note = errors.Text(command.Note, "note", maxLength: 1000);
        var lastDay = command.Confirm == true ? errors.LocalDate(command.LastDay, "lastDay") : default;
        errors.ThrowIfAny();
        var step = await db.DisciplinarySteps.SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new NotFoundException("Disciplinary step", id);
        var staff = await db.Staff.IgnoreQueryFilters().SingleAsync(s => s.Id == step.StaffId, cancellationToken);
        // The home estate's manager holds the employment.
        scope.EnsureCanWrite(staff.EstateId);
        if (step.Step != DisciplineStepKind.DismissalProposal)
        {
            throw new ConflictException("Only a dismissal proposal is decided; warnings stand as recorded.");
        }

        if (command.Confirm == true && lastDay < staff.StartsOn)
        {
            throw new ValidationFailedException("lastDay", $"Cannot be before the employment started ({staff.StartsOn:yyyy-MM-dd}).");
        }

        var now = time.GetUtcNow();
        if (!step.Decide(command.Confirm!.Value, scope.Account(), note, now))
        {
            throw new ConflictException($"This proposal was already decided ({step.Decision}).");
        }

        if (command.Confirm == true)
        {
            await StaffApi.EndAsync(db, calendars, staff, lastDay, $"Dismissed after breach {step.BreachNumber}: {note}", correlation.CorrelationId, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(step));
    }

    /// <summary>
    /// Tells the managers of the person's home estate, who decide, of a new dismissal proposal: through the outbox, in
    /// the save that records it, so each proposal is announced once (a breach recorded twice at once loses on its number
    /// and takes its notices with it).
    /// </summary>
    private static async Task NotifyManagersAsync(
        HrTrainingDbContext db, StaffMember staff, DisciplinaryStep step, Guid correlationId, CancellationToken cancellationToken)
    {
        var managers = await StaffRecipients.HoldingAsync(db, staff.EstateId, [PlatformRoles.EstateManager], cancellationToken);
        foreach (var manager in managers.Where(m => m != staff.Id))
        {
            db.AddIntegrationEvent(new NotificationRequested(
                Guid.CreateVersion7(step.RecordedAt), step.RecordedAt, staff.EstateId, correlationId, "staff", manager, ProposalTemplate,
                new Dictionary<string, string>
                {
                    ["staffName"] = staff.DisplayName,
                    ["breachNumber"] = step.BreachNumber.ToString(CultureInfo.InvariantCulture),
                    ["breach"] = step.Breach,
                    ["occurredOn"] = step.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["staffId"] = staff.Id.ToString(),
                    ["proposalId"] = step.Id.ToString(),
                },
                "normal"));
        }
    }

    private static async Task<StaffFileResponse> FileOfAsync(HrTrainingDbContext db, StaffMember staff, CancellationToken cancellationToken)
    {
        var steps = await db.DisciplinarySteps.IgnoreQueryFilters().AsNoTracking().Where(d => d.StaffId == staff.Id)
            .OrderBy(d => d.BreachNumber).ToListAsync(cancellationToken);
        return new StaffFileResponse(StaffApi.ToResponse(staff), [.. steps.Select(ToResponse)]);
    }

    private static DisciplinaryStepResponse ToResponse(DisciplinaryStep d) => new(
        d.Id, d.EstateId, d.StaffId, d.BreachNumber, d.OccurredOn, d.Breach, d.Step.ToString(), d.RecordedAt, d.RecordedBy, d.Decision?.ToString(),
        d.DecidedBy, d.DecidedAt, d.DecisionNote);
}
