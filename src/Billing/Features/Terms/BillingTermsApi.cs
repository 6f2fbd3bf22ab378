using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Rates;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Terms;

public sealed record SetFrequencyCommand(string? Frequency);

public sealed record SetPaymentTermCommand(int? Days);

public sealed record FeeItemFrequencyResponse(string FeeItem, string Frequency);

/// <summary>An estate's billing terms: the payment term of its bills and how often each rated fee item is billed (monthly unless set).</summary>
public sealed record BillingTermsResponse(Guid EstateId, int PaymentTermDays, FeeItemFrequencyResponse[] Frequencies);

/// <summary>
/// What the estate manager decides about billing: per rated fee item, whether runs bill a month, a quarter or a year;
/// and the payment term, the days from a run's posting to its bills' due date. Both are rows of their own, so the audit
/// trail records every change; both are read when a run is asked for or posted, never applied to bills already issued.
/// </summary>
public static class BillingTermsApi
{
    public static RouteGroupBuilder MapBillingTermsApi(this RouteGroupBuilder api)
    {
        var estates = api.MapGroup("/estates/{estateId:guid}").WithTags("Billing terms");
        estates.MapGet("/billing-terms", Get).RequireRoles(BillingRoles.Readers);
        estates.MapPut("/fee-items/{feeItem}/frequency", SetFrequency).RequireRoles(BillingRoles.EstateManagers);
        estates.MapPut("/payment-term", SetPaymentTerm).RequireRoles(BillingRoles.EstateManagers);
        return api;
    }

    public static async Task<Ok<BillingTermsResponse>> Get(Guid estateId, BillingDbContext db, CancellationToken cancellationToken)
    {
        await BillingEstates.GetAsync(db, estateId, cancellationToken);
        var terms = await db.BillingTerms.AsNoTracking().SingleOrDefaultAsync(t => t.EstateId == estateId, cancellationToken);
        var set = await db.FeeItemFrequencies.AsNoTracking().Where(f => f.EstateId == estateId).ToDictionaryAsync(f => f.FeeItem, f => f.Frequency, cancellationToken);
        var rated = Enum.GetValues<FeeItem>().Where(i => i.Basis() is not RateBasis.Charged);
        return TypedResults.Ok(new BillingTermsResponse(
            estateId, terms?.PaymentTermDays ?? EstateBillingTerms.DefaultPaymentTermDays,
            [.. rated.Select(i => new FeeItemFrequencyResponse(i.Name(), set.GetValueOrDefault(i, BillingFrequency.Monthly).Name()))]));
    }

    public static async Task<Ok<BillingTermsResponse>> SetFrequency(
        Guid estateId, string feeItem, SetFrequencyCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var item = RatesApi.RatedFeeItem(errors, feeItem, "feeItem");
        var frequency = errors.Enum<BillingFrequency>(command.Frequency, "frequency");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        await BillingEstates.GetAsync(db, estateId, cancellationToken);
        var row = await db.FeeItemFrequencies.SingleOrDefaultAsync(f => f.EstateId == estateId && f.FeeItem == item, cancellationToken);
        if (row is null)
        {
            row = new FeeItemFrequency { EstateId = estateId, FeeItem = item };
            db.FeeItemFrequencies.Add(row);
        }

        (row.Frequency, row.UpdatedAt, row.UpdatedBy) = (frequency, time.GetUtcNow(), scope.Account());
        await db.SaveChangesAsync(cancellationToken);
        return await Get(estateId, db, cancellationToken);
    }

    public static async Task<Ok<BillingTermsResponse>> SetPaymentTerm(
        Guid estateId, SetPaymentTermCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        if (command.Days is not { } days || days is < 0 or > EstateBillingTerms.MaxPaymentTermDays)
        {
            throw new ServiceDefaults.Problems.ValidationFailedException("days", $"Required: whole days from posting to due date, 0 to {EstateBillingTerms.MaxPaymentTermDays}.");
        }

        scope.EnsureCanWrite(estateId);
        await BillingEstates.GetAsync(db, estateId, cancellationToken);
        var row = await db.BillingTerms.SingleOrDefaultAsync(t => t.EstateId == estateId, cancellationToken);
        if (row is null)
        {
            row = new EstateBillingTerms { EstateId = estateId };
            db.BillingTerms.Add(row);
        }

        (row.PaymentTermDays, row.UpdatedAt, row.UpdatedBy) = (days, time.GetUtcNow(), scope.Account());
        await db.SaveChangesAsync(cancellationToken);
        return await Get(estateId, db, cancellationToken);
    }

    /// <summary>How often the estate bills the fee item: monthly unless its manager set otherwise.</summary>
    internal static async Task<BillingFrequency> FrequencyAsync(BillingDbContext db, Guid estateId, FeeItem feeItem, CancellationToken cancellationToken) =>
        await db.FeeItemFrequencies.AsNoTracking().Where(f => f.EstateId == estateId && f.FeeItem == feeItem).Select(f => (BillingFrequency?)f.Frequency)
            .SingleOrDefaultAsync(cancellationToken) ?? BillingFrequency.Monthly;

    /// <summary>The due date of bills posted at <paramref name="now"/>: the estate-local day plus the estate's payment term.</summary>
    internal static async Task<DateOnly> DueOnAsync(BillingDbContext db, Guid estateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var calendar = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleAsync(c => c.EstateId == estateId, cancellationToken);
        var term = await db.BillingTerms.AsNoTracking().Where(t => t.EstateId == estateId).Select(t => (int?)t.PaymentTermDays)
            .SingleOrDefaultAsync(cancellationToken) ?? EstateBillingTerms.DefaultPaymentTermDays;
        return EstateBillingTerms.DueOn(calendar.ToCalendar().LocalDay(now), term);
    }
}
