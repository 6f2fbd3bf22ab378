using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.HrTraining.Consumers;

/// <summary>
/// A callback about a repair: its scores count in the appraisal of the technician who did the work (reception names
/// them on the event, from maintenance's work order). A callback with nobody's work behind it is not appraisal's.
/// </summary>
public sealed class CallbackCompletedConsumer(HrTrainingDbContext db, TimeProvider time)
    : IdempotentConsumer<CallbackCompleted, HrTrainingDbContext>(db, time)
{
    protected override async Task HandleAsync(CallbackCompleted m, CancellationToken cancellationToken)
    {
        if (m.TechnicianId is not { } technicianId)
        {
            return;
        }

        var score = CallbackScore.Record(m.CallbackId, m.EstateId, technicianId, m.WorkOrderId, m.Attitude, m.Quality, m.Speed, m.Satisfied, m.OccurredAt);
        var existing = await Db.CallbackScores.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.CallbackId == m.CallbackId, cancellationToken);
        if (existing is null)
        {
            Db.CallbackScores.Add(score);
        }
        else
        {
            existing.Replace(score);
        }
    }
}

/// <summary>A missed deadline with a person responsible: it counts once in their appraisal, whichever copy arrives.</summary>
public sealed class SlaBreachedConsumer(HrTrainingDbContext db, TimeProvider time)
    : IdempotentConsumer<SlaBreached, HrTrainingDbContext>(db, time)
{
    protected override async Task HandleAsync(SlaBreached m, CancellationToken cancellationToken)
    {
        if (m.ResponsibleStaffId is not { } staffId
            || await Db.SlaMisses.IgnoreQueryFilters().AnyAsync(
                x => x.Service == m.Service && x.Subject == m.Subject && x.SubjectId == m.SubjectId && x.Policy == m.Policy, cancellationToken))
        {
            return;
        }

        Db.SlaMisses.Add(SlaMiss.Record(m.EventId, m.EstateId, staffId, m.Service, m.Subject, m.SubjectId, m.Policy, m.DueAt, m.OccurredAt));
    }
}
