using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Billing.Consumers;

/// <summary>
/// Another service charged a unit (maintenance's paid work, security-gate's parking): an open item on the unit's
/// account, due at once. Booked once per (source, source id), whatever the event id. A charge billing cannot book as
/// sent (a currency other than the estate's, more decimals than it has, a negative amount) fails and, after the
/// retries, waits in the error queue for operations: guessing would put a wrong amount on an owner's account.
/// </summary>
public sealed class ChargeRaisedConsumer(BillingDbContext db, TimeProvider time, IEstateCalendars calendars)
    : IdempotentConsumer<ChargeRaised, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(ChargeRaised message, CancellationToken cancellationToken)
    {
        if (await Db.Receivables.AnyAsync(r => r.Source == message.Source && r.SourceId == message.SourceId, cancellationToken))
        {
            return;
        }

        var estateCurrency = await Db.Set<KnownEstateCalendar>().AsNoTracking()
            .Where(c => c.EstateId == message.EstateId).Select(c => c.Currency).SingleOrDefaultAsync(cancellationToken);
        var errors = new InputErrors();
        errors.Money(message.Amount, message.Currency, "amount", max: 1_000_000m);
        if (estateCurrency is not null && estateCurrency != message.Currency)
        {
            errors.Add("currency", $"The estate bills in {estateCurrency}.");
        }

        errors.ThrowIfAny();
        var calendar = await calendars.GetAsync(message.EstateId, cancellationToken);
        var dueOn = calendar?.LocalDay(message.OccurredAt) ?? DateOnly.FromDateTime(message.OccurredAt.UtcDateTime);
        var feeItem = FeeItems.TryParse(message.FeeItem, out var known) ? known : FeeItem.Other;
        Db.Receivables.Add(Receivable.ForCharge(
            message.EstateId, message.UnitId, feeItem, message.Description.Length > 500 ? message.Description[..500] : message.Description,
            message.Amount, message.Currency, dueOn, message.Source, message.SourceId, Time.GetUtcNow()));
    }
}
