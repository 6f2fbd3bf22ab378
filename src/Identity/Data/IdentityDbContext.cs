using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Identity.Data;

/// <summary>Accounts (ASP.NET Core Identity, no role tables: roles are a column), OpenIddict's stores, outbox and inbox.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
    : IdentityUserContext<Account, Guid>(options), IOutboxDbContext
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddOutboxAndInbox();
        builder.AddAuditTrail();
        builder.UseOpenIddict<Guid>();
        // Accounts are audited (who created, disabled or re-roled whom); tokens and sign-in sessions are protocol churn.
        builder.ExcludeFromAuditTrail<IdentityUserClaim<Guid>>()
            .ExcludeFromAuditTrail<IdentityUserLogin<Guid>>()
            .ExcludeFromAuditTrail<IdentityUserToken<Guid>>()
            .ExcludeFromAuditTrail<OpenIddictEntityFrameworkCoreApplication<Guid>>()
            .ExcludeFromAuditTrail<OpenIddictEntityFrameworkCoreAuthorization<Guid>>()
            .ExcludeFromAuditTrail<OpenIddictEntityFrameworkCoreScope<Guid>>()
            .ExcludeFromAuditTrail<OpenIddictEntityFrameworkCoreToken<Guid>>();

        // snake_case like every other table (Identity and OpenIddict name theirs explicitly).
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("account_tokens");
        builder.Entity<OpenIddictEntityFrameworkCoreApplication<Guid>>().ToTable("openiddict_applications");
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization<Guid>>().ToTable("openiddict_authorizations");
        builder.Entity<OpenIddictEntityFrameworkCoreScope<Guid>>().ToTable("openiddict_scopes");
        builder.Entity<OpenIddictEntityFrameworkCoreToken<Guid>>().ToTable("openiddict_tokens");

        builder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.Property(a => a.DisplayName).HasMaxLength(200);
            account.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.ActivationCodeHash).HasMaxLength(64);
            // Estate managers list the accounts of their estates: estate_ids <@ their estates, backed by GIN.
            account.HasIndex(a => a.EstateIds).HasMethod("gin");
            account.HasIndex(a => new { a.CreatedAt, a.Id }).IsDescending(true, true);
            account.HasIndex(a => a.OwnerId).IsUnique().HasFilter("owner_id IS NOT NULL");
            account.HasIndex(a => a.PhoneNumber);
        });
    }
}
