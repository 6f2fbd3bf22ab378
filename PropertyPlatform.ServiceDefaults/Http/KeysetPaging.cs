using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace PropertyPlatform.ServiceDefaults.Http;

public static class KeysetPaging
{
    /// <summary>
    /// One page of <paramref name="query"/>, newest first by (<paramref name="at"/>, <paramref name="id"/>), continuing after
    /// <paramref name="cursor"/>. Back the ordering with an index on those columns (after any equality filters).
    /// </summary>
    public static async Task<Page<TResponse>> ToKeysetPageAsync<TEntity, TResponse>(
        this IQueryable<TEntity> query,
        Expression<Func<TEntity, DateTimeOffset>> at,
        Expression<Func<TEntity, Guid>> id,
        string? cursor,
        int? limit,
        Func<TEntity, TResponse> toResponse,
        CancellationToken cancellationToken)
    {
        var after = KeysetCursor.Decode(cursor);
        var take = KeysetCursor.ValidateLimit(limit);
        if (after is { } c)
        {
            query = query.Where(After(at, id, c));
        }

        var rows = await query
            .OrderByDescending(at).ThenByDescending(id)
            .Take(take + 1)
            .ToListAsync(cancellationToken);

        var items = rows.Take(take).Select(toResponse).ToList();
        string? next = null;
        if (rows.Count > take)
        {
            var last = rows[take - 1];
            next = new KeysetCursor(at.Compile()(last), id.Compile()(last)).Encode();
        }

        return new Page<TResponse>(items, next);
    }

    /// <summary><c>e =&gt; at(e) &lt; c.At || (at(e) == c.At &amp;&amp; id(e) &lt; c.Id)</c>, for the database to evaluate.</summary>
    private static Expression<Func<TEntity, bool>> After<TEntity>(
        Expression<Func<TEntity, DateTimeOffset>> at, Expression<Func<TEntity, Guid>> id, KeysetCursor cursor)
    {
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var atValue = new ReplaceParameter(at.Parameters[0], entity).Visit(at.Body);
        var idValue = new ReplaceParameter(id.Parameters[0], entity).Visit(id.Body);
        Expression<Func<DateTimeOffset>> cursorAt = () => cursor.At;
        Expression<Func<Guid>> cursorId = () => cursor.Id;
        var compareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

        var body = Expression.OrElse(
            Expression.LessThan(atValue, cursorAt.Body),
            Expression.AndAlso(
                Expression.Equal(atValue, cursorAt.Body),
                Expression.LessThan(Expression.Call(idValue, compareTo, cursorId.Body), Expression.Constant(0))));
        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
