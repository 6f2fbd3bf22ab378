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

    /// <summary>
    /// One page of <paramref name="query"/> in the order of numbers written as text, continuing after
    /// <paramref name="cursor"/>: shorter <paramref name="text"/> first, then by the text (so 101 and 102 come before
    /// 1001, and an exact match first of all), then by <paramref name="id"/>. For a filtered list such as a prefix search:
    /// the filter's index finds the rows and PostgreSQL sorts them, as no index holds this order.
    /// </summary>
    public static async Task<Page<TResponse>> ToNumberOrderKeysetPageAsync<TEntity, TResponse>(
        this IQueryable<TEntity> query,
        Expression<Func<TEntity, string>> text,
        Expression<Func<TEntity, Guid>> id,
        string? cursor,
        int? limit,
        Func<TEntity, TResponse> toResponse,
        CancellationToken cancellationToken)
    {
        var after = NumberOrderCursor.Decode(cursor);
        var take = KeysetCursor.ValidateLimit(limit);
        var key = new NumberOrderKey<TEntity>(text, id);
        if (after is { } c)
        {
            query = query.Where(key.After(c));
        }

        var rows = await query.OrderBy(key.Length()).ThenBy(text).ThenBy(id)
            .Take(take + 1)
            .Select(key.WithKey())
            .ToListAsync(cancellationToken);

        var items = rows.Take(take).Select(r => toResponse(r.Row)).ToList();
        var next = rows.Count > take ? new NumberOrderCursor(rows[take - 1].Length, rows[take - 1].Text, rows[take - 1].Id).Encode() : null;
        return new Page<TResponse>(items, next);
    }

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

    private sealed record NumberKeyed<TEntity>(TEntity Row, int Length, string Text, Guid Id);

    /// <summary>The number order's key (length(text), text, id), over one shared parameter, for the database to evaluate.</summary>
    private sealed class NumberOrderKey<TEntity>
    {
        private readonly ParameterExpression _entity = Expression.Parameter(typeof(TEntity), "e");
        private readonly Expression _text;
        private readonly Expression _length;
        private readonly Expression _id;

        public NumberOrderKey(Expression<Func<TEntity, string>> text, Expression<Func<TEntity, Guid>> id)
        {
            _text = new ReplaceParameter(text.Parameters[0], _entity).Visit(text.Body);
            _length = Expression.Property(_text, nameof(string.Length));
            _id = new ReplaceParameter(id.Parameters[0], _entity).Visit(id.Body);
        }

        /// <summary><c>e =&gt; length(text(e))</c>.</summary>
        public Expression<Func<TEntity, int>> Length() => Expression.Lambda<Func<TEntity, int>>(_length, _entity);

        /// <summary>
        /// <c>e =&gt; len(e) &gt;= c.Length &amp;&amp; (len(e) &gt; c.Length || (len(e) == c.Length &amp;&amp; (text(e) &gt; c.Text
        /// || (text(e) == c.Text &amp;&amp; id(e) &gt; c.Id))))</c>, the length as the database counted it for the cursor.
        /// </summary>
        public Expression<Func<TEntity, bool>> After(NumberOrderCursor cursor)
        {
            Expression<Func<int>> cursorLength = () => cursor.Length;
            Expression<Func<string>> cursorText = () => cursor.Text;
            Expression<Func<Guid>> cursorId = () => cursor.Id;
            var compareText = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
            var compareId = typeof(Guid).GetMethod(nameof(Guid.CompareTo), [typeof(Guid)])!;

            var sameText = Expression.OrElse(
                Expression.GreaterThan(Expression.Call(compareText, _text, cursorText.Body), Expression.Constant(0)),
                Expression.AndAlso(
                    Expression.Equal(_text, cursorText.Body),
                    Expression.GreaterThan(Expression.Call(_id, compareId, cursorId.Body), Expression.Constant(0))));
            var body = Expression.AndAlso(
                Expression.GreaterThanOrEqual(_length, cursorLength.Body),
                Expression.OrElse(
                    Expression.GreaterThan(_length, cursorLength.Body),
                    Expression.AndAlso(Expression.Equal(_length, cursorLength.Body), sameText)));
            return Expression.Lambda<Func<TEntity, bool>>(body, _entity);
        }

        /// <summary><c>e =&gt; new NumberKeyed(e, len(e), text(e), id(e))</c>.</summary>
        public Expression<Func<TEntity, NumberKeyed<TEntity>>> WithKey() =>
            Expression.Lambda<Func<TEntity, NumberKeyed<TEntity>>>(
                Expression.New(typeof(NumberKeyed<TEntity>).GetConstructors().Single(c => c.GetParameters().Length == 4), _entity, _length, _text, _id),
                _entity);
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
