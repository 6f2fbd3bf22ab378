using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace PropertyPlatform.ServiceDefaults.Http;

public static class KeysetPaging
{
    /// <summary>
    /// One page of <paramref name="query"/>, newest first by (<paramref name="at"/>, <paramref name="id"/>), continuing after
    /// <paramref name="cursor"/>. Back the ordering with an index on those columns (after any equality filters).
    /// </summary>
    public static Task<Page<TResponse>> ToKeysetPageAsync<TEntity, TResponse>(
        this IQueryable<TEntity> query,
        Expression<Func<TEntity, DateTimeOffset>> at,
        Expression<Func<TEntity, Guid>> id,
        string? cursor,
        int? limit,
        Func<TEntity, TResponse> toResponse,
        CancellationToken cancellationToken) =>
        PageAsync(query, at, id, cursor, limit, toResponse, soonestFirst: false, cancellationToken);

    /// <summary>
    /// One page of <paramref name="query"/>, soonest first by (<paramref name="at"/>, <paramref name="id"/>): for lists by
    /// deadline. Back the ordering with an index on those columns (after any equality filters).
    /// </summary>
    public static Task<Page<TResponse>> ToSoonestFirstKeysetPageAsync<TEntity, TResponse>(
        this IQueryable<TEntity> query,
        Expression<Func<TEntity, DateTimeOffset>> at,
        Expression<Func<TEntity, Guid>> id,
        string? cursor,
        int? limit,
        Func<TEntity, TResponse> toResponse,
        CancellationToken cancellationToken) =>
        PageAsync(query, at, id, cursor, limit, toResponse, soonestFirst: true, cancellationToken);

    private static async Task<Page<TResponse>> PageAsync<TEntity, TResponse>(
        IQueryable<TEntity> query,
        Expression<Func<TEntity, DateTimeOffset>> at,
        Expression<Func<TEntity, Guid>> id,
        string? cursor,
        int? limit,
        Func<TEntity, TResponse> toResponse,
        bool soonestFirst,
        CancellationToken cancellationToken)
    {
        var after = KeysetCursor.Decode(cursor);
        var take = KeysetCursor.ValidateLimit(limit);
        var key = new Key<TEntity>(at, id);
        if (after is { } c)
        {
            query = query.Where(soonestFirst ? key.Later(c) : key.After(c));
        }

        var ordered = soonestFirst ? query.OrderBy(at).ThenBy(id) : query.OrderByDescending(at).ThenByDescending(id);
        // The key of each row comes back with it, so the next cursor needs no second look at the entity.
        var rows = await ordered
            .Take(take + 1)
            .Select(key.WithKey())
            .ToListAsync(cancellationToken);

        var items = rows.Take(take).Select(r => toResponse(r.Row)).ToList();
        var next = rows.Count > take ? new KeysetCursor(rows[take - 1].At, rows[take - 1].Id).Encode() : null;
        return new Page<TResponse>(items, next);
    }

    private sealed record Keyed<TEntity>(TEntity Row, DateTimeOffset At, Guid Id);

    /// <summary>The paging key's two columns, over one shared parameter, for the database to evaluate.</summary>
    private sealed class Key<TEntity>
    {
        private readonly ParameterExpression _entity = Expression.Parameter(typeof(TEntity), "e");
        private readonly Expression _at;
        private readonly Expression _id;

        public Key(Expression<Func<TEntity, DateTimeOffset>> at, Expression<Func<TEntity, Guid>> id)
        {
            _at = new ReplaceParameter(at.Parameters[0], _entity).Visit(at.Body);
            _id = new ReplaceParameter(id.Parameters[0], _entity).Visit(id.Body);
        }

        /// <summary>
        /// <c>e =&gt; at(e) &lt;= c.At &amp;&amp; (at(e) &lt; c.At || (at(e) == c.At &amp;&amp; id(e) &lt; c.Id))</c>. The first
        /// term is implied by the rest, but it is the one PostgreSQL can start an index scan at: without it a deep page
        /// reads (and filters out) every newer row of the index first.
        /// </summary>
        public Expression<Func<TEntity, bool>> After(KeysetCursor cursor) =>
            Beyond(cursor, Expression.LessThanOrEqual, Expression.LessThan);

        /// <summary>The same, mirrored, for a list soonest first: <c>at(e) &gt;= c.At &amp;&amp; (at(e) &gt; c.At || ... id(e) &gt; c.Id)</c>.</summary>
        public Expression<Func<TEntity, bool>> Later(KeysetCursor cursor) =>
            Beyond(cursor, Expression.GreaterThanOrEqual, Expression.GreaterThan);

        private Expression<Func<TEntity, bool>> Beyond(
            KeysetCursor cursor, Func<Expression, Expression, BinaryExpression> orEqual, Func<Expression, Expression, BinaryExpression> strictly)
        {
            Expression<Func<DateTimeOffset>> cursorAt = () => cursor.At;
            Expression<Func<Guid>> cursorId = () => cursor.Id;
            var compareTo = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

            var body = Expression.AndAlso(
                orEqual(_at, cursorAt.Body),
                Expression.OrElse(
                    strictly(_at, cursorAt.Body),
                    Expression.AndAlso(
                        Expression.Equal(_at, cursorAt.Body),
                        strictly(Expression.Call(_id, compareTo, cursorId.Body), Expression.Constant(0)))));
            return Expression.Lambda<Func<TEntity, bool>>(body, _entity);
        }

        /// <summary><c>e =&gt; new Keyed(e, at(e), id(e))</c>.</summary>
        public Expression<Func<TEntity, Keyed<TEntity>>> WithKey() =>
            Expression.Lambda<Func<TEntity, Keyed<TEntity>>>(
                Expression.New(typeof(Keyed<TEntity>).GetConstructors().Single(c => c.GetParameters().Length == 3), _entity, _at, _id),
                _entity);
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
