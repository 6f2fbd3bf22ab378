using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Features.Callbacks;

/// <summary>
/// Decides whether a request whose work is done gets a callback, and opens it: every repair, every paid service,
/// and <see cref="CallbackSampler"/>'s sample of the rest.
/// </summary>
public static class CallbackPlanner
{
    public static async Task<Callback?> PlanAsync(ReceptionDbContext db, CustomerRequest request, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await db.Callbacks.AnyAsync(c => c.RequestId == request.Id && c.Status == CallbackStatus.Pending, cancellationToken))
        {
            return null;
        }

        int? draw = null;
        CallbackSelection selection;
        if (request.Chargeable)
        {
            selection = CallbackSelection.PaidService;
        }
        else if (request.Category == RequestCategory.Repair)
        {
            selection = CallbackSelection.Repair;
        }
        else
        {
            var tally = await db.CallbackSampleTallies.SingleOrDefaultAsync(t => t.EstateId == request.EstateId, cancellationToken);
            if (tally is null)
            {
                tally = CallbackSampleTally.StartFor(request.EstateId);
                db.CallbackSampleTallies.Add(tally);
            }

            if (!CallbackSampler.Decide(request.Id, tally, out var drawn))
            {
                return null;
            }

            draw = drawn;
            selection = CallbackSelection.Sample;
        }

        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == request.EstateId, cancellationToken);
        var callback = Callback.Open(request, selection, draw, estate.Calendar(), at);
        db.Callbacks.Add(callback);
        return callback;
    }
}
