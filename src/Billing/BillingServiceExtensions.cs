using PropertyPlatform.Billing.Consumers;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Adjustments;
using PropertyPlatform.Billing.Features.Arrears;
using PropertyPlatform.Billing.Features.CashierDays;
using PropertyPlatform.Billing.Features.Charges;
using PropertyPlatform.Billing.Features.Kpis;
using PropertyPlatform.Billing.Features.MeterReadings;
using PropertyPlatform.Billing.Features.Notices;
using PropertyPlatform.Billing.Features.ParkingRentals;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Billing.Features.Rates;
using PropertyPlatform.Billing.Features.Reports;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.Billing.Features.Terms;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing;

public static class BillingServiceExtensions
{
    public const string ServiceName = "billing";
    public const string DatabaseName = "billing-db";

    public static IHostApplicationBuilder AddBillingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<BillingDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<UnitRegisteredConsumer>();
            bus.AddConsumer<ResidentMovedInConsumer>();
            bus.AddConsumer<ResidentMovedOutConsumer>();
            bus.AddConsumer<OwnerRegisteredConsumer>();
            bus.AddConsumer<ChargeRaisedConsumer>();
            bus.AddConsumer<DunningVisitRecordedConsumer>();
            bus.AddConsumer<NotificationDeliveryReportedConsumer>();
            bus.AddEstateCalendars<BillingDbContext>(ServiceName);
        });
        builder.AddSlaMonitor<BillingDbContext>(ServiceName)
            .AddSlaWatch<BillingDbContext, CashDepositWatch>()
            .AddSlaWatch<BillingDbContext, MonthlySummaryWatch>();
        builder.Services.Configure<BillingRunOptions>(builder.Configuration.GetSection(BillingRunOptions.ConfigurationSection));
        builder.Services.AddSingleton<WorkSignal<BillingRunWorker>>();
        builder.Services.AddSingleton<BillingRunWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BillingRunWorker>());
        builder.Services.AddHostedService<MonthlySummaryScheduler>();
        builder.Services.AddHostedService<ProviderRefunds>();
        if (builder.Environment.IsDeveloperEnvironment())
        {
            // A real provider replaces this one outside Development and Testing; without one, online payments are not offered.
            builder.Services.Configure<DevelopmentPaymentProviderOptions>(builder.Configuration.GetSection(DevelopmentPaymentProviderOptions.ConfigurationSection));
            builder.Services.AddHttpClient(DevelopmentPaymentProvider.ProviderName);
            builder.Services.AddSingleton<DevelopmentPaymentProvider>();
            builder.Services.AddSingleton<IPaymentProvider>(services => services.GetRequiredService<DevelopmentPaymentProvider>());
        }

        builder.AddPlatformAuthentication(ServiceName);
        return builder;
    }

    public static WebApplication MapBillingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/billing");
        api.MapRatesApi();
        api.MapRunsApi();
        api.MapMeterReadingsApi();
        api.MapParkingRentalsApi();
        api.MapBillingTermsApi();
        api.MapAccountsApi();
        api.MapPaymentsApi();
        api.MapAdjustmentsApi();
        api.MapChargesApi();
        api.MapPaymentCorrectionsApi();
        api.MapProviderPaymentsApi();
        api.MapDevelopmentCheckout();
        api.MapReceiptPdfApi();
        api.MapArrearsApi();
        api.MapDunningApi();
        api.MapCashierDaysApi();
        api.MapReportsApi();
        api.MapNoticesApi();
        api.MapBillingKpisApi();
        api.MapAuditApi().MapOutboxApi();
        api.MapSlaApi();
        return app;
    }
}
