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

        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == request.EstateId, cancellationToken);
        var calendar = estate.Calendar();
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
            var localDay = calendar.LocalDay(at);
            var month = new DateOnly(localDay.Year, localDay.Month, 1);
            var tally = await db.CallbackSampleTallies.SingleOrDefaultAsync(t => t.EstateId == request.EstateId && t.Month == month, cancellationToken);
            if (tally is null)
            {
                tally = CallbackSampleTally.StartFor(request.EstateId, month);
                db.CallbackSampleTallies.Add(tally);
            }

            if (!CallbackSampler.Decide(request.Id, tally, estate.SampleRate, out var drawn))
            {
                return null;
            }

            draw = drawn;
            selection = CallbackSelection.Sample;
        }

        var callback = Callback.Open(request, selection, draw, calendar, at);
        db.Callbacks.Add(callback);
        return callback;
    }
}
