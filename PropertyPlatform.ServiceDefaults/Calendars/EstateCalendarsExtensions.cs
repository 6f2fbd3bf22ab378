using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Calendars;

public static class EstateCalendarsExtensions
{
    /// <summary>
    /// Keeps a local copy of every estate's calendar from reception's <c>EstateRegistered</c> and
    /// <c>EstateCalendarChanged</c> (one queue, <c>&lt;service&gt;-estate-calendars</c>) and serves it as
    /// <see cref="IEstateCalendars"/>. The DbContext calls <see cref="EstateCalendarModel.AddEstateCalendars"/>.
    /// </summary>
    public static IBusRegistrationConfigurator AddEstateCalendars<TDbContext>(this IBusRegistrationConfigurator bus, string serviceName)
        where TDbContext : DbContext, IOutboxDbContext
    {
        // Named here: the endpoint name formatter cannot name a generic consumer.
        var queue = $"{serviceName}-estate-calendars";
        bus.AddConsumer<EstateRegisteredConsumer<TDbContext>>().Endpoint(endpoint => endpoint.Name = queue);
        bus.AddConsumer<EstateCalendarChangedConsumer<TDbContext>>().Endpoint(endpoint => endpoint.Name = queue);
        bus.AddScoped<IEstateCalendars, EstateCalendars<TDbContext>>();
        return bus;
    }
}
