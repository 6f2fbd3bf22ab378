using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Charges;

/// <summary>
/// A charge staff raise by hand on a unit (a lost key card, a cleaning after a renovation): <c>feeItem</c> other (the
/// default) or paid-service; <c>dueOn</c> an estate-local day from today on, today when left out.
/// </summary>
public sealed record StaffChargeCommand(Guid? UnitId, string? FeeItem, decimal? Amount, string? Description, DateOnly? DueOn);

public sealed record ChargeResponse(
    Guid Id, Guid EstateId, Guid UnitId, string FeeItem, string Description, decimal Amount, string Currency, DateOnly DueOn, DateTimeOffset BookedAt);

/// <summary>
/// The fee items no run bills and no other service charges are raised here, as an open item on the unit's account like
/// any other: paid first-come by the counter, in arrears when overdue. Exactly once per <c>Idempotency-Key</c>: the key
/// becomes the item's source id, whose unique index with the source is the database's guarantee, so a double-clicked
/// charge is booked once and a retry answers it; the key with another body is a 409.
/// </summary>
public static class ChargesApi
{
    /// <summary>The <see cref="Receivable.Source"/> of charges staff raise by hand.</summary>
    public const string StaffSource = "billing-staff";

    public const int MaxDescription = 500;

    /// <summary>The most one charge may be: a typo is caught, a real charge is far below.</summary>
    public const decimal MaxCharge = 1_000_000m;

    private static readonly FeeItem[] Chargeable = [FeeItem.Other, FeeItem.PaidService];

    public static RouteGroupBuilder MapChargesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/charges", Raise).WithTags("Charges").RequireRoles(BillingRoles.Cashiers);
        return api;
    }

    public static async Task<Results<Created<ChargeResponse>, Ok<ChargeResponse>>> Raise(
        StaffChargeCommand command, [FromHeader(Name = PaymentsApi.IdempotencyHeader)] string? idempotencyKey, BillingDbContext db, EstateScope scope,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var key = errors.Text(idempotencyKey, PaymentsApi.IdempotencyHeader, maxLength: 100, minLength: 8);
        var unitId = errors.Id(command.UnitId, "unitId");
        var feeItem = FeeItem.Other;
        if (command.FeeItem is not null && (!FeeItems.TryParse(command.FeeItem, out feeItem) || !Chargeable.Contains(feeItem)))
        {
            errors.Add("feeItem", $"Must be one of: {string.Join(", ", Chargeable.Select(FeeItems.Name))}; the others are billed by runs or charged by their service.");
        }

        var description = errors.Text(command.Description, "description", MaxDescription);
        errors.ThrowIfAny();
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitId == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        scope.EnsureCanWrite(unit.EstateId, unitId);
        var estate = await BillingEstates.GetAsync(db, unit.EstateId, cancellationToken);
        var amount = errors.Money(command.Amount, estate.Currency, "amount", MaxCharge);
        if (command.Amount is 0m)
        {
            errors.Add("amount", "Must be more than 0.");
        }

        var now = time.GetUtcNow();
        var today = estate.ToCalendar().LocalDay(now);
        var dueOn = command.DueOn ?? today;
        if (dueOn < today)
        {
            errors.Add("dueOn", $"Cannot be before today ({today:yyyy-MM-dd} in the estate): a new charge is never overdue on arrival.");
        }

        errors.ThrowIfAny();
        var sourceId = SourceId(unit.EstateId, key);
        if (await ReplayAsync(db, sourceId, key, unitId, feeItem, amount, description, dueOn, cancellationToken) is { } earlier)
        {
            return TypedResults.Ok(earlier);
        }

        var charge = Receivable.ForCharge(unit.EstateId, unitId, feeItem, description, amount, estate.Currency, dueOn, StaffSource, sourceId, now);
        db.Receivables.Add(charge);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same key at the same moment: the one booked is the charge, if it is the same charge.
            db.ChangeTracker.Clear();
            return TypedResults.Ok(await ReplayAsync(db, sourceId, key, unitId, feeItem, amount, description, dueOn, cancellationToken)
                ?? throw new InvalidOperationException("The charge that won the race is gone."));
        }

        return TypedResults.Created($"/api/billing/units/{unitId}/account", ToResponse(charge));
    }

    /// <summary>The key as the charge's source id: one per estate and key, so two estates' keys never meet.</summary>
    internal static Guid SourceId(Guid estateId, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{estateId:N}|{key}")))[..16]);

    private static async Task<ChargeResponse?> ReplayAsync(
        BillingDbContext db, Guid sourceId, string key, Guid unitId, FeeItem feeItem, decimal amount, string description, DateOnly dueOn,
        CancellationToken cancellationToken)
    {
        var earlier = await db.Receivables.AsNoTracking().SingleOrDefaultAsync(r => r.Source == StaffSource && r.SourceId == sourceId, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.UnitId == unitId && earlier.FeeItem == feeItem && earlier.Amount == amount && earlier.Description == description && earlier.DueOn == dueOn
            ? ToResponse(earlier)
            : throw new ConflictException($"The {PaymentsApi.IdempotencyHeader} '{key}' was used for another charge; a new charge needs a new key.");
    }

    private static ChargeResponse ToResponse(Receivable r) =>
        new(r.Id, r.EstateId, r.UnitId, r.FeeItem.Name(), r.Description, r.Amount, r.Currency, r.DueOn, r.BookedAt);
}
