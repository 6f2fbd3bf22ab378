using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ServiceDefaults.Data;

/// <summary>A DbContext whose queries are limited to the caller's estates (and an owner's units).</summary>
public interface IEstateScopedDbContext
{
    EstateScope Scope { get; }
}

public static class EstateScopeFilters
{
    private static readonly System.Reflection.MethodInfo ContainsGuid =
        typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(typeof(Guid));

    /// <summary>
    /// Gives every <see cref="IEstateOwned"/> entity a query filter: rows of estates the caller is not assigned to are
    /// invisible (so reading one answers 404), and owners see only rows about their own units. Call it last in
    /// <c>OnModelCreating</c>. The filter reads the scope of the context instance running the query.
    /// </summary>
    public static ModelBuilder ApplyEstateScope<TContext>(this ModelBuilder modelBuilder, TContext context)
        where TContext : DbContext, IEstateScopedDbContext
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.BaseType is null))
        {
            var clrType = entityType.ClrType;
            if (!typeof(IEstateOwned).IsAssignableFrom(clrType))
            {
                continue;
            }

            // this.Scope, written as C# would compile `this` in OnModelCreating, so EF binds it to the querying context.
            var scope = Expression.Property(Expression.Constant(context, typeof(TContext)), nameof(IEstateScopedDbContext.Scope));
            var row = Expression.Parameter(clrType, "row");
            // An estate itself has no EstateId column: its own key is the estate id.
            var estateProperty = entityType.FindProperty(nameof(IEstateOwned.EstateId)) is not null
                ? nameof(IEstateOwned.EstateId)
                : entityType.FindPrimaryKey()!.Properties.Single().Name;
            Expression visible = Expression.OrElse(
                Expression.Property(scope, nameof(EstateScope.SeesAllEstates)),
                Expression.Call(ContainsGuid, Expression.Property(scope, nameof(EstateScope.EstateIds)), Expression.Property(row, estateProperty)));

            if (typeof(IUnitScoped).IsAssignableFrom(clrType))
            {
                var unitId = Expression.Property(row, nameof(IUnitScoped.UnitId));
                var ownUnit = Expression.AndAlso(
                    Expression.NotEqual(unitId, Expression.Constant(null, typeof(Guid?))),
                    Expression.Call(ContainsGuid, Expression.Property(scope, nameof(EstateScope.UnitIds)), Expression.Property(unitId, nameof(Nullable<Guid>.Value))));
                visible = Expression.AndAlso(visible, Expression.OrElse(Expression.Not(Expression.Property(scope, nameof(EstateScope.IsOwnerOnly))), ownUnit));
            }

            modelBuilder.Entity(clrType).HasQueryFilter(Expression.Lambda(visible, row));
        }

        return modelBuilder;
    }
}
