using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.FireSafety;

/// <summary>An evaluation of the security plan: <c>evaluatedOn</c> an estate-local day, <c>rating</c> 1 (poor) to 5 (excellent).</summary>
public sealed record RecordEvaluationCommand(Guid? EstateId, string? EvaluatedOn, string? Plan, int? Rating, string? Findings, string? Actions);

public sealed record EvaluationResponse(Guid Id, Guid EstateId, DateOnly EvaluatedOn, string Plan, int Rating, string Findings, string? Actions);

/// <summary>A residents' safety training session held on an estate-local day.</summary>
public sealed record RecordTrainingCommand(Guid? EstateId, string? HeldOn, string? Topic, string? Trainer, int? Attendees, string? Notes);

public sealed record TrainingResponse(Guid Id, Guid EstateId, DateOnly HeldOn, string Topic, string Trainer, int Attendees, string? Notes);

/// <summary>Security-plan evaluations and residents' safety training: records the supervisor keeps.</summary>
public static class SafetyRecordsApi
{
    public static RouteGroupBuilder MapSafetyRecordsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/security-plan-evaluations", RecordEvaluation).WithTags("Fire safety").RequireRoles(SecurityGateRoles.Supervisors);
        api.MapGet("/security-plan-evaluations", ListEvaluations).WithTags("Fire safety").RequireRoles(SecurityGateRoles.Readers);
        api.MapPost("/safety-trainings", RecordTraining).WithTags("Fire safety").RequireRoles(SecurityGateRoles.Supervisors);
        api.MapGet("/safety-trainings", ListTrainings).WithTags("Fire safety").RequireRoles(SecurityGateRoles.Readers);
        return api;
    }

    public static async Task<Created<EvaluationResponse>> RecordEvaluation(
        RecordEvaluationCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var on = errors.LocalDate(command.EvaluatedOn, "evaluatedOn");
        var plan = errors.Text(command.Plan, "plan", maxLength: 200);
        if (command.Rating is not (>= 1 and <= 5))
        {
            errors.Add("rating", "Required: 1 (poor) to 5 (excellent).");
        }

        var findings = errors.Text(command.Findings, "findings", maxLength: 4000);
        var actions = errors.OptionalText(command.Actions, "actions", maxLength: 4000);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var evaluation = SecurityPlanEvaluation.Record(estateId, on, plan, command.Rating!.Value, findings, actions, scope.Subject ?? "", time.GetUtcNow());
        db.PlanEvaluations.Add(evaluation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/security-plan-evaluations/{evaluation.Id}", ToResponse(evaluation));
    }

    public static async Task<Ok<Page<EvaluationResponse>>> ListEvaluations(SecurityGateDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.PlanEvaluations.AsNoTracking();
        query = estateId is null ? query : query.Where(e => e.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(e => e.RecordedAt, e => e.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Created<TrainingResponse>> RecordTraining(
        RecordTrainingCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var on = errors.LocalDate(command.HeldOn, "heldOn");
        var topic = errors.Text(command.Topic, "topic", maxLength: 200);
        var trainer = errors.Text(command.Trainer, "trainer", maxLength: 200);
        if (command.Attendees is not (>= 0 and <= 10000))
        {
            errors.Add("attendees", "Required: 0 to 10000 residents.");
        }

        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 4000);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var session = SafetyTrainingSession.Record(estateId, on, topic, trainer, command.Attendees!.Value, notes, scope.Subject ?? "", time.GetUtcNow());
        db.SafetyTrainings.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/safety-trainings/{session.Id}", ToResponse(session));
    }

    public static async Task<Ok<Page<TrainingResponse>>> ListTrainings(SecurityGateDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.SafetyTrainings.AsNoTracking();
        query = estateId is null ? query : query.Where(t => t.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(t => t.RecordedAt, t => t.Id, cursor, limit, ToResponse, cancellationToken));
    }

    private static EvaluationResponse ToResponse(SecurityPlanEvaluation e) => new(e.Id, e.EstateId, e.EvaluatedOn, e.Plan, e.Rating, e.Findings, e.Actions);

    private static TrainingResponse ToResponse(SafetyTrainingSession t) => new(t.Id, t.EstateId, t.HeldOn, t.Topic, t.Trainer, t.Attendees, t.Notes);
}
