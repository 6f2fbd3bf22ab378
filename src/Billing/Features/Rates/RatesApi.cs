using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Rates;

/// <summary>A new price for a fee item from an estate-local day: <c>amount</c> per m² per month, per unit per month, or per m³/kWh.</summary>
public sealed record ProposeRateCommand(Guid? EstateId, string? FeeItem, decimal? Amount, string? EffectiveFrom);

public sealed record RateResponse(
    Guid Id, Guid EstateId, string FeeItem, string Basis, decimal Amount, string Currency, DateOnly EffectiveFrom, DateTimeOffset ProposedAt, string ProposedBy,
    DateTimeOffset? ApprovedAt, string? ApprovedBy);

/// <summary>
/// Rates per estate and fee item, versioned by the day they take effect: the estate manager proposes, the group
/// approves, and an approved version is never changed (a new price is a new version). Runs read the version in force on
/// each day they bill and copy its price onto the bill, so approving a version never changes a bill already issued.
/// </summary>
public static class RatesApi
{
    /// <summary>The highest price a rate may have, in the estate's currency: far above any real one, so a typo is caught.</summary>
    public const decimal MaxRate = 100_000m;

    public static RouteGroupBuilder MapRatesApi(this RouteGroupBuilder api)
    {
        var rates = api.MapGroup("/rates").WithTags("Rates");
        rates.MapPost("/", Propose).RequireRoles(BillingRoles.EstateManagers);
        rates.MapPost("/{id:guid}/approve", Approve).RequireRoles(BillingRoles.RateApprovers);
        rates.MapGet("/", List).RequireRoles(BillingRoles.Readers);
        return api;
    }

    public static async Task<Created<RateResponse>> Propose(
        ProposeRateCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var feeItem = RatedFeeItem(errors, command.FeeItem, "feeItem");
        var effectiveFrom = errors.LocalDate(command.EffectiveFrom, "effectiveFrom");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var estate = await BillingEstates.GetAsync(db, estateId, cancellationToken);
        var amount = errors.Money(command.Amount, estate.Currency, "amount", MaxRate);
        errors.ThrowIfAny();

        var rate = Rate.Propose(estateId, feeItem, amount, estate.Currency, effectiveFrom, scope.Account(), time.GetUtcNow());
        db.Rates.Add(rate);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/billing/rates/{rate.Id}", ToResponse(rate));
    }

    public static async Task<Ok<RateResponse>> Approve(Guid id, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var rate = await db.Rates.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Rate", id);
        scope.EnsureCanWrite(rate.EstateId);
        if (rate.IsApproved)
        {
            throw new ConflictException($"Rate '{id}' is approved already; an approved rate never changes, propose a new version instead.");
        }

        if (await db.Rates.AnyAsync(
                r => r.EstateId == rate.EstateId && r.FeeItem == rate.FeeItem && r.EffectiveFrom == rate.EffectiveFrom && r.ApprovedAt != null, cancellationToken))
        {
            throw new ConflictException($"A {rate.FeeItem.Name()} rate from {rate.EffectiveFrom:yyyy-MM-dd} is approved already; a new version needs another day.");
        }

        rate.Approve(scope.Account(), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(rate));
    }

    /// <summary>The versions of an estate's rates, newest first per fee item.</summary>
    public static async Task<Ok<RateResponse[]>> List(BillingDbContext db, Guid? estateId, string? feeItem, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        FeeItem? item = feeItem is null ? null : RatedFeeItem(errors, feeItem, "feeItem");
        errors.ThrowIfAny();
        var query = db.Rates.AsNoTracking().Where(r => r.EstateId == estate);
        query = item is null ? query : query.Where(r => r.FeeItem == item);
        var rates = await query.OrderBy(r => r.FeeItem).ThenByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.ProposedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(rates.Select(ToResponse).ToArray());
    }

    /// <summary>A fee item that is priced by a rate (not one whose amount comes with a charge).</summary>
    internal static FeeItem RatedFeeItem(InputErrors errors, string? value, string field)
    {
        if (FeeItems.TryParse(value, out var item) && item.Basis() != RateBasis.Charged)
        {
            return item;
        }

        errors.Add(field, $"Must be one of the fee items priced by a rate: {string.Join(", ", FeeItems.All.Where(n => FeeItems.TryParse(n, out var i) && i.Basis() != RateBasis.Charged))}.");
        return default;
    }

    internal static RateResponse ToResponse(Rate r) => new(
        r.Id, r.EstateId, r.FeeItem.Name(), r.FeeItem.Basis().ToString(), r.Amount, r.Currency, r.EffectiveFrom, r.ProposedAt, r.ProposedBy, r.ApprovedAt,
        r.ApprovedBy);
}
