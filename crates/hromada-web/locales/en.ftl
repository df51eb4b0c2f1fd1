# English. Keep keys in step with uk.ftl (a test checks).

site-name = Hromada
site-tagline = Public services of communities, online
skip-link = Skip to main content
lang-switch-label = Українська
lang-switch-code = uk
lang-switch-hint = Перейти на українську
demo-banner = Demo installation. All data is made up; applications have no legal effect.
breadcrumbs = You are here
nav-home = All communities
footer-about = Hromada is an open platform for the public services of Ukraine's communities.
footer-help = Need help? Contact your community’s administrative service centre (TsNAP).

search-label = Find a service
search-hint = For example: certificate, subsidy, registration
search-button = Search

home-title = Public services of communities
home-intro = Choose your community to see its services, or find a service by name.
home-regions = Regions and communities
community-services-count = { $count ->
    [one] { $count } service
   *[other] { $count } services
}

community-title = Services of the community
community-contacts = The community’s service centre
contact-address = Address
contact-phone = Phone
contact-email = E-mail
contact-hours = Opening hours

catalogue-filter = Filter services
catalogue-categories = By category
catalogue-situations = By life situation
catalogue-all = All services
catalogue-services = Services
catalogue-found = { $count ->
    [one] { $count } service found
   *[other] { $count } services found
}
catalogue-none = Nothing found. Try another word or look through all services.
catalogue-current = (selected)

category-residence = Place of residence
category-certificates = Certificates and extracts
category-social = Social support
category-housing = Housing
category-transparency = Access to information
category-appeals = Citizens’ appeals
category-environment = Environment and public spaces
category-transport = Transport and parking
category-business = For businesses

situation-moved = I moved home
situation-home-damaged = My home was damaged
situation-displaced = I am internally displaced
situation-need-information = I need information
situation-low-income = I am short of money
situation-disability = I have a disability
situation-have-a-complaint = I want to complain or propose
situation-run-a-business = I run a business
situation-new-child = We have a child
situation-green-spaces = Trees and green spaces

service-who = Who can apply
service-need = What you need
service-need-none = No particular documents are needed.
service-time = How long it takes
service-cost = What it costs
service-legal = Legal basis
service-how = How to apply
service-account-required = You need an account on the portal. You can create one when you start.
service-account-optional = You do not need an account: an e-mail address is enough.
service-start = Start now
service-in-person = You can also apply in person at the community’s service centre, or ask its staff to apply with you.
service-version = Service description version: { $version }

deadline-same-day = On the day you apply.
deadline-calendar = { $days ->
    [one] { $days } calendar day
   *[other] { $days } calendar days
}
deadline-working = { $days ->
    [one] { $days } working day
   *[other] { $days } working days
}
deadline-extendable-calendar = { $days ->
    [one] It can be extended to { $days } calendar day; you will be told why.
   *[other] It can be extended to { $days } calendar days; you will be told why.
}
deadline-extendable-working = { $days ->
    [one] It can be extended to { $days } working day; you will be told why.
   *[other] It can be extended to { $days } working days; you will be told why.
}
fee-free = Free.
fee-fixed = { $amount } UAH.

apply-title = Apply online
apply-not-yet = The online form for this service is being prepared and will appear here soon.
apply-meanwhile = Until then, you can apply in person at the community’s service centre:
apply-back = Back to the service description

search-title = Search services
search-results = Search results for “{ $query }”
search-offered-in = Where it is offered:
search-empty = Type a word to find a service.

not-found-title = Page not found
not-found-text = The address may be mistyped, or the page has moved. Check the address or start from the home page.
not-found-home = Go to the home page
error-title = Something went wrong
error-text = We could not show this page. Please try again in a few minutes. If it keeps happening, contact your service centre.
unavailable-title = Service temporarily unavailable
error-prefix = Error:{ " " }
