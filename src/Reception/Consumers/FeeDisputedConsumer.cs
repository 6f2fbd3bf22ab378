using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>
/// An owner disputes fees with billing: reception takes it up as a complaint (a customer request of category complaint,
/// so it gets its complaint record, deadline and callback), in the owner's name from the roster.
/// </summary>
public sealed class FeeDisputedConsumer(ReceptionDbContext db, TimeProvider time) : IdempotentConsumer<FeeDisputed, ReceptionDbContext>(db, time)
{
    public const string SubmittedBy = "system:billing";

    protected override async Task HandleAsync(FeeDisputed message, CancellationToken cancellationToken)
    {
        // Billing only knows our estates and units: an unknown one is a fault to look at, so the message goes to the error queue.
        var estate = await Db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == message.EstateId, cancellationToken)
            ?? throw new InvalidOperationException($"Estate '{message.EstateId}' is not in the registry.");
        if (!await Db.Units.AnyAsync(u => u.Id == message.UnitId && u.EstateId == message.EstateId, cancellationToken))
        {
            throw new InvalidOperationException($"Unit '{message.UnitId}' of estate '{message.EstateId}' is not in the registry.");
        }

        var owner = await Db.Owners.AsNoTracking()
            .Where(o => o.EstateId == message.EstateId && (o.Id == message.OwnerId || (message.OwnerId == null && o.UnitIds.Contains(message.UnitId))))
            .OrderBy(o => o.RegisteredAt)
            .Select(o => new { o.FullName, o.Phone })
            .FirstOrDefaultAsync(cancellationToken);
        var amount = message.Amount.ToString("0.00##", CultureInfo.InvariantCulture);
        var text = $"Fee dispute ({amount} {message.Currency} outstanding, recorded by billing): {message.Text}";
        RequestIntake.Open(
            Db, estate,
            new NewRequest(message.UnitId, RequestChannel.WalkIn, RequestCategory.Complaint, Urgency.Normal, text.Length > 4000 ? text[..4000] : text,
                owner?.FullName ?? "Owner (fee dispute)", owner?.Phone),
            SubmittedBy, Time.GetUtcNow(), message.CorrelationId, submittedByName: "Billing");
    }
}
