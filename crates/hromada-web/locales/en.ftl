# English. Keep keys in step with uk.ftl (a test checks).

site-name = Hromada
site-tagline = Public services of communities, online
skip-link = Skip to main content
lang-switch-label = Українська
lang-switch-code = uk
lang-switch-hint = Перейти на українську
demo-banner = Demo installation. All data is made up; applications have no legal effect.
breadcrumbs = You are here
# Glossary (issue 21): plain explanations of the words services use
glossary-title = Glossary
glossary-intro = Plain explanations of the words used in service descriptions and applications. On service pages, these words link here.
glossary-search-label = Find a word
glossary-search-hint = Capital or small letters and any kind of apostrophe are fine.
glossary-search-button = Find
glossary-found = { $count ->
    [one] { $count } word found
   *[other] { $count } words found
}
glossary-none = This word is not in the glossary. Try another spelling or ask your community’s TsNAP.
glossary-all = Show all words
glossary-common = Common words
glossary-service = Words of the service “{ $service }”
# places import: the codifier of administrative-territorial units (KATOTTG), katottg.rs
katottg-too-large = the file is too large ({ $megabytes } MB; at most { $limit } MB). The codifier as CSV takes a few megabytes: is this the right file?
katottg-spreadsheet = this is an Excel spreadsheet (XLSX or XLS) or a ZIP archive, not CSV. Open it in a spreadsheet program and save it as “CSV UTF-8”.
katottg-not-text = this is not text in UTF-8 or Windows-1251. Save the codifier as “CSV UTF-8”.
katottg-no-header = there is no header row, and this is not a row of the codifier. The columns needed are “Перший рівень”, “Другий рівень”, “Третій рівень”, “Четвертий рівень”, “Додатковий рівень”, “Категорія об’єкта” and “Назва об’єкта”, separated by semicolons, commas or tabs.
katottg-missing-column = there is no column “{ $column }”.
katottg-duplicate-column = the column “{ $column }” appears twice.
katottg-field-count = the row has { $found } fields where the header has { $expected }. If a name holds the separator, put it in quotes.
katottg-unclosed-quote = a quote opened on this line is never closed.
katottg-bad-code = “{ $value }” in the column “{ $column }” is not a KATOTTG code (UA and 17 digits).
katottg-missing-code = the column “{ $column }” is empty, but a row of category { $category } needs a code there.
katottg-unexpected-code = the column “{ $column }” holds a code, but in a row of category { $category } it must be empty. Is the category right?
katottg-wrong-level = { $code } in the column “{ $column }” is not the code of { $level ->
    [oblast] an oblast
    [raion] a raion
   *[community] a community
}.
katottg-unknown-category = unknown category “{ $value }”. It must be one of the letters O, K, P, H, M, X, C, B, T (Latin or Cyrillic).
katottg-empty-name = the name is empty.
katottg-duplicate-code = the code { $code } is already on line { $line }.
katottg-oblast-missing = the oblast { $code } of the column “Перший рівень” is not in the file.
katottg-raion-missing = the raion { $code } of the column “Другий рівень” is not in the file.
katottg-outside-oblast = the code { $code } does not belong to the oblast { $oblast } of the column “Перший рівень”.
katottg-outside-raion = the community code { $code } does not belong to the raion { $raion } of the column “Другий рівень”.
katottg-empty-slug = this name gives no page address: it has no letter or digit.
katottg-reserved-slug = the name gives the address “{ $slug }”, which the platform’s own pages use.
katottg-slug-taken = the name gives the address “{ $slug }”, which line { $line } already gives.
katottg-no-reference-code = no three-letter code for case numbers is left.
katottg-nothing-to-import = the file has no oblast (O), city with special status (K) or community (H).
places-import-read-failed = cannot read the file: { $error }
places-import-refused = nothing written: { $count } mistake(s).
places-import-more = … and { $count } more (the first { $shown } are shown).
places-import-region-slug-taken = the address “{ $slug }” belongs to another region, of code { $code }.
places-import-slugs-taken = the addresses { $slugs } belong to other communities.
places-import-store-refused = nothing written: { $error }
places-import-windows-1251 = The file is in Windows-1251: it was read as such.
places-import-regions = Regions: { $added } added, { $changed } changed, { $unchanged } left alone.
places-import-communities = Communities: { $added } added, { $changed } changed, { $unchanged } left alone.
places-import-unpublished = New communities are not published yet: their regions’ administrators publish them once a community has its TsNAP and services.
places-import-dry-run = Dry run (--dry-run): nothing written.

footer-glossary = Glossary: plain explanations of words

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
contact-address = Address
contact-phone = Phone
contact-email = E-mail
need-help-title = Need help?
need-help-intro = Staff at the community’s service centre will help you apply and answer your questions.
need-help-remote = { $count ->
    [one] { $count } remote workplace
   *[other] { $count } remote workplaces
}
centre-weekday-1 = Monday
centre-weekday-2 = Tuesday
centre-weekday-3 = Wednesday
centre-weekday-4 = Thursday
centre-weekday-5 = Friday
centre-weekday-6 = Saturday
centre-weekday-7 = Sunday
centre-today-hours = Today { $hours }
centre-today-hours-break = Today { $hours }, break { $break }
centre-today-closed = Closed today
centre-hours-unknown = Opening hours not given: call before you go.
centre-open-now = open now
centre-closed-now = closed now
centre-on-break = on a break until { $time }
centre-opens-at = closed now, opens at { $time }
centre-kind-main = Administrative service centre (TsNAP)
centre-kind-remote = Remote workplace of the TsNAP
centre-col-day = Day
centre-col-opens = Opens
centre-col-closes = Closes
centre-col-break = Break
centre-closed = Closed
centre-no-break = No break
centre-today-mark = (today)
centre-accessibility = Accessibility
centre-collected = Results of these services are collected here
service-collect = Where to collect the result
service-local = From the community
service-department = Responsible department
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
csrf-title = The form was not accepted
csrf-text = The form has expired or was sent from another site. Go back, reload the page and try again.

# Accounts
error-summary-title = There is a problem
nav-sign-in = Sign in
nav-applications = Your applications
nav-staff = Work queue
nav-account = Your account
nav-sign-out = Sign out
field-email = E-mail address
field-email-hint = We will send a confirmation link to it.
field-name = Your name
field-name-hint = How we address you in letters. Your first name is enough.
field-password = Password
field-new-password = New password
field-current-password = Current password
field-password-hint = At least 12 characters. A few random words are easiest to remember, like “green kettle goes home”.
register-title = Create an account
register-intro = You need an account to apply online and to follow your applications.
register-submit = Create account
register-have-account = Already have an account? Sign in
register-sent-title = Check your e-mail
register-sent-text = We sent a letter to { $email }. Open the link in it within 24 hours to confirm your address. If it is not there, look in your spam folder.
confirm-done-title = Address confirmed
confirm-done-text = Thank you! You can now sign in.
confirm-bad-title = This link does not work
confirm-bad-text = The link has been used already or has expired. Sign in or register again, and we will send a new one.
sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-forgot = Forgot your password?
sign-in-register = No account yet? Create one
sign-in-wrong = The e-mail address or password is wrong. Check them and try again.
sign-in-unconfirmed = Please confirm your e-mail address first: we have just sent a new letter with the link.
throttled-title = Too many attempts
throttled-text = For your safety, attempts are limited for a while. Try again in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
account-title = Your account
account-email = E-mail
account-name = Name
account-change-password = Change your password
account-sign-out-everywhere = Sign out on all devices
account-sign-out-everywhere-hint = If you signed in on someone else’s device, or think someone else knows your password.
signed-out-title = You have signed out
signed-out-text = Goodbye!
signed-out-everywhere-text = You have signed out on all devices.
password-title = Change your password
password-submit = Change password
password-changed-title = Password changed
password-changed-text = We have sent you a letter about it. Other devices will need to sign in again.
forgot-title = Get back into your account
forgot-intro = Enter the address you registered with. We will send a link to set a new password. The link works for one hour.
forgot-submit = Send the link
forgot-sent-title = Check your e-mail
forgot-sent-text = If { $email } is registered, a letter with a link is on its way. The link works for one hour.
reset-title = Set a new password
reset-submit = Save password
reset-done-title = Password changed
reset-done-text = Now sign in with your new password.
error-email-empty = Enter your e-mail address
error-email-format = Enter an e-mail address in the form name@example.com
error-password-empty = Enter your password
error-password-short = The password must be at least 12 characters long
error-password-long = The password is too long: at most 1024 characters
error-password-common = This password is too common or simple. Add a few more words
error-password-personal = The password must not contain your address or name
error-current-password = The current password is wrong
error-name-long = The name is too long: at most 100 characters
mail-confirm-subject = Confirm your e-mail address
mail-confirm-body = Hello,
    
    To confirm your address and finish registering on Hromada, open this link:
    { $link }
    
    The link works for 24 hours. If you did not register, do nothing.
mail-exists-subject = Someone tried to register with your address
mail-exists-body = Hello,
    
    Someone (perhaps you) tried to register on Hromada with this address, but an account exists already. To sign in, open { $link }
    If you forgot your password, reset it from the sign-in page. If it was not you, do nothing.
mail-reset-subject = Resetting your password
mail-reset-body = Hello,
    
    To set a new password, open this link:
    { $link }
    
    The link works for one hour and only once. If you did not ask to change your password, do nothing: it stays the same.
mail-password-changed-subject = Your password was changed
mail-password-changed-body = Hello,
    
    The password of your Hromada account has just been changed. If it was not you, get back into your account now: { $link }

# Staff
account-roles = Roles
role-operator = Service centre operator
role-officer = Officer
role-supervisor = Supervisor
role-community_admin = Community administrator
role-regional_admin = Regional administrator
role-auditor = Auditor
role-installation_admin = Installation administrator
scope-installation = the whole installation
# The installation's and regions' administrators (/admin/regions…, /admin/installation)
admin-regions-title = Regions of the installation
admin-regions-intro = The oblasts and cities with special status whose communities this installation serves. A region's administrators add and publish its communities.
admin-regions-none = There are no regions yet. Add the first one, or import the codifier with hromada places import.
admin-regions-caption = Regions, their codes and communities
admin-regions-all = All regions
admin-region = Region
admin-region-add = Add a region
admin-region-add-intro = Give the names and code as the codifier of administrative-territorial units (KATOTTH) has them.
admin-region-add-submit = Add the region
admin-region-slug = Name in addresses
admin-region-communities = Communities of the region
admin-katottg = KATOTTH code
admin-communities-count = Communities
admin-published-count = Published
admin-unpublished-count = Not published
admin-actions = Actions
admin-edit = Edit
admin-save = Save changes
admin-invite-regional = Invite a regional administrator
admin-invite-region-staff = Invite a regional administrator or auditor
admin-invite-community = Invite a community administrator
admin-invite-installation = Invite another installation administrator
admin-installation-section = Installation
admin-installation-title = Installation settings
admin-installation-intro = The installation's name and the address residents open it at.
admin-installation-saved = The settings are saved. Links in letters take the new address once the server is restarted (unless public_url is set in its configuration).
admin-communities-of = Communities: { $region }
admin-communities-caption = Communities of the region
admin-communities-intro = A new community is not published at first: residents see it once you publish it.
admin-communities-read-only = The communities of this region. The region's administrators add and publish them.
admin-communities-none = This region has no communities yet.
admin-communities-table = Communities, their codes and state
admin-community = Community
admin-community-add = Add a community
admin-community-add-intro = Give the names and KATOTTH code as the codifier has them. Residents see the community once you publish it.
admin-community-add-submit = Add the community
admin-back-to-region = Communities: { $region }
admin-code = Case code
admin-address = Address
admin-state = State
admin-published = Published
admin-unpublished = Not published
admin-publish = Publish
admin-unpublish = Unpublish
admin-publish-title = Publish { $name }?
admin-publish-text = Residents will see the community in the catalogue, its services and pages, and can apply online.
admin-unpublish-title = Unpublish { $name }?
admin-unpublish-text = The community's pages for residents will answer “Page not found”, and no new application can be made online. The community's staff go on working on the cases it has.
admin-publication-cancel = No, back to the communities
admin-field-name-uk = Name in Ukrainian
admin-field-name-en = Name in English
admin-field-katottg = KATOTTH code
admin-field-code = Code for case numbers
admin-field-slug = Name in addresses
admin-field-public-url = Public address
admin-hint-region-name-uk = For example, Київська область
admin-hint-community-name-uk = For example, Бучанська громада
admin-hint-installation-name-uk = For example, Громада — послуги Київщини
admin-hint-name-en = For example, Kyiv Oblast. If you leave it empty, English pages show the Ukrainian name
admin-hint-region-katottg = UA and 17 digits, the oblast's or special-status city's code in the codifier, for example UA32000000000030281
admin-hint-community-katottg = UA and 17 digits, the community's code (category H) in the codifier, for example UA32080070000050759
admin-hint-code = Three Latin capital letters that start the community's case numbers, like BUC in BUC-2026-000123. Once the community has its first application, the code cannot change
admin-hint-region-slug = Latin lower-case letters, digits and hyphens, for example kyivska. Leave it empty and we make it from the Ukrainian name. It cannot change later
admin-hint-community-slug = Latin lower-case letters, digits and hyphens: the community's page will be at /buchanska. Leave it empty and we make it from the Ukrainian name. It cannot change later
admin-hint-public-url = Only https:// and the site's name, no path, for example https://hromada.example.gov.ua
admin-error-name-empty = Enter the name in Ukrainian
admin-error-name-long = Shorten the name to 150 characters
admin-error-katottg-empty = Enter the KATOTTH code
admin-error-katottg-format = Enter the code as UA and 17 digits, for example { $example }
admin-error-katottg-not-region = This is not a region's code: an oblast's or special-status city's code has zeros after its first two digits, for example { $example }
admin-error-katottg-not-community = This is not a community's code: enter the code of category H from the codifier, for example { $example }
admin-error-katottg-other-region = This code belongs to another region: the codes of this region's communities start with { $prefix }
admin-error-katottg-taken = { $place } has the code { $code } already: check the code in the codifier
admin-error-slug-empty = Enter the name in addresses in Latin letters: it could not be made from the name
admin-error-slug-format = Enter the name in addresses in Latin lower-case letters, digits and hyphens, for example buchanska
admin-error-slug-reserved = The portal's own pages use “{ $slug }”: enter another, for example { $slug }-hromada
admin-error-slug-taken = { $place } has “{ $slug }” already: enter another
admin-error-code-empty = Enter the code for case numbers
admin-error-code-format = Enter three Latin capital letters, for example BUC
admin-error-code-taken = { $place } has the code { $code } already: choose another
admin-error-code-fixed = The community's cases are numbered with { $code } already, so it cannot change: keep { $code }
admin-error-url-https = Enter an address that starts with https://, for example https://hromada.example.gov.ua
admin-error-url-path = Keep only https:// and the site's name, with no path after it, for example https://hromada.example.gov.ua
admin-error-url-format = Enter the site's name in Latin letters, digits, dots and hyphens, for example https://hromada.example.gov.ua
admin-done-added = Added: { $name }.
admin-done-changed = Changes saved: { $name }.
admin-done-published = Published: { $name }. Residents will see its pages within seconds.
admin-done-unpublished = Unpublished: { $name }. Its pages will be gone for residents within seconds; its staff go on working on cases.
welcome-title = Welcome to Hromada
welcome-intro = You have been invited to work with the portal. Set your password, then set up the second step of signing in.

## Community administrators: /admin/communities (profile, service centres, offer)
cadmin-index-title = My communities
cadmin-index-intro = The communities whose profile, service centres and services you keep.
cadmin-published = published
cadmin-unpublished = not published yet
cadmin-sections = Parts of the community
cadmin-section-profile = Profile
cadmin-section-centres = Service centres
cadmin-section-services = Services
cadmin-cancel = Cancel
cadmin-public-page = The community's page for residents
cadmin-not-published = The community is not published yet: residents will see it once the regional administrator publishes it.
cadmin-profile-title = Community profile
cadmin-profile-submit = Save the profile
cadmin-profile-saved = The profile is saved. Residents will see the changes within seconds.
cadmin-name-uk = Official name in Ukrainian
cadmin-name-en = Official name in English
cadmin-katottg = KATOTTH code
cadmin-katottg-hint = The community's code in the codifier of administrative-territorial units: UA and 17 digits, for example UA32080070000050759. May be left empty.
cadmin-code = Code of case numbers
cadmin-code-hint = Three Latin capital letters that start the community's case numbers, for example BUC in BUC-2026-000123.
cadmin-code-fixed-hint = The code { $code } cannot be changed: cases use it.
cadmin-email = The community's e-mail address
cadmin-phone = The community's phone
cadmin-phone-hint = For example, 044 123 45 67 or +380 44 123 45 67.
cadmin-website = The community's website
cadmin-website-hint = An address that starts with https://. May be left empty.
cadmin-error-too-long = “{ $label }”: shorten the text to { $max ->
    [one] { $max } character
   *[other] { $max } characters
}
cadmin-error-name-uk = Enter the community's official name in Ukrainian
cadmin-error-katottg-format = A KATOTTH code is UA and 17 digits, for example UA32080070000050759
cadmin-error-katottg-level = This is not a community's code: a community's code (category H) has the digits of its oblast, raion and community and zeros where a settlement's would be, for example UA32080070000050759
cadmin-error-katottg-required = The community's KATOTTH code is given already: it may be corrected, not erased
cadmin-error-katottg-oblast = This code is not of the community's oblast: a community's code starts as its oblast's code { $oblast } does (the first two digits)
cadmin-error-katottg-taken = The code { $code } belongs to { $community } already: check the code in the codifier
cadmin-error-code-format = Enter three Latin letters, for example BUC
cadmin-error-code-taken = The code { $code } is used by { $community }: choose another
cadmin-error-code-fixed = The code cannot be changed because cases use it: keep { $code }
cadmin-error-taken-meanwhile = Another community has just taken this code: choose another
cadmin-error-email-empty = Enter the community's e-mail address
cadmin-error-phone-empty = Enter the community's phone number
cadmin-error-phone = Enter a Ukrainian phone number, for example 044 123 45 67 or +380 44 123 45 67
cadmin-error-website = Enter a website address that starts with https://, for example https://bucha-rada.gov.ua, or leave it empty
cadmin-centres-title = Service centres
cadmin-centres-intro = The community's ЦНАП (administrative service centre) and its remote workplaces: residents see their addresses, opening hours and phones on the community's pages.
cadmin-centres-none = There are no service centres yet.
cadmin-centre-add = Add a service centre
cadmin-centre-add-title = New service centre
cadmin-centre-edit-title = Change a service centre
cadmin-centre-edit = Change
cadmin-centre-delete = Delete
cadmin-centre-added = The service centre is added.
cadmin-centre-changed = The service centre is saved.
cadmin-centre-deleted = The service centre is deleted.
cadmin-centre-submit = Save the centre
cadmin-centre-address = Address
cadmin-centre-phone = The centre's phone
cadmin-kind = Kind of centre
cadmin-kind-main = ЦНАП (administrative service centre)
cadmin-kind-remote = Remote workplace
cadmin-centre-name-uk = Name in Ukrainian
cadmin-centre-name-hint = For example, “Віддалене робоче місце ЦНАП у с. Блиставиця”.
cadmin-centre-name-en = Name in English
cadmin-centre-address-uk = Address in Ukrainian
cadmin-centre-address-hint = Street, building, settlement; a floor or room if needed.
cadmin-centre-address-en = Address in English
cadmin-centre-access-uk = Accessibility in Ukrainian
cadmin-centre-access-hint = What people with disabilities need to know: a step-free entrance, a hearing loop, an accessible toilet and so on.
cadmin-centre-access-en = Accessibility in English
cadmin-hours-title = Opening hours
cadmin-hours-hint = For each day tick “Closed”, or give the times the centre opens and closes, for example 8:00 or 08.00. Give a break if there is one.
cadmin-hours-caption = Opening hours
cadmin-hours-closed-box = Closed
cadmin-hours-closed = closed
cadmin-hours-with-break = { $hours }, break { $from }–{ $to }
cadmin-hours-opens = Opens
cadmin-hours-closes = Closes
cadmin-hours-break-from = Break from
cadmin-hours-break-to = Break until
cadmin-hours-missing = { $day }: give the times the centre opens and closes, or tick “Closed”
cadmin-hours-closed-with-times = { $day }: “Closed” is ticked but times are given; untick it or clear the times
cadmin-hours-time-missing = { $day }: fill in “{ $label }”
cadmin-hours-time-unread = { $day }: “{ $label }” — “{ $value }” could not be read; write hours and minutes, for example 8:00 or 17.30
cadmin-hours-break-half = { $day }: give both the start and the end of the break, or leave both empty
cadmin-hours-closes-before = { $day }: the centre must close later than it opens; check the times
cadmin-hours-break-backwards = { $day }: the break must end later than it starts
cadmin-hours-break-outside = { $day }: the break must be within the opening hours ({ $hours })
cadmin-error-kind = Choose whether it is the ЦНАП or a remote workplace
cadmin-error-second-main = The community has a ЦНАП already — “{ $name }”. Choose “Remote workplace”, or change the ЦНАП there is
cadmin-error-centre-name = Enter the centre's name in Ukrainian
cadmin-error-centre-address = Enter the centre's address in Ukrainian
cadmin-error-centre-phone-empty = Enter the centre's phone number
cadmin-centre-delete-title = Delete “{ $name }”?
cadmin-centre-delete-text = Residents will no longer see the address, opening hours and phone of “{ $name }”.
cadmin-centre-delete-offers = { $count ->
    [one] The result of { $count } service is collected here: it will no longer say where to collect it.
   *[other] The results of { $count } services are collected here: they will no longer say where to collect them.
}
cadmin-centre-delete-button = Delete the centre
cadmin-centre-delete-keep = No, keep it
cadmin-offers-title = The community's services
cadmin-offers-intro = Every service of the installation. The community offers those switched on; for each you can give the local details.
cadmin-offers-count = { $count ->
    [one] The community offers { $count } service.
   *[other] The community offers { $count } services.
}
cadmin-offered = Offered
cadmin-not-offered = Not offered
cadmin-offer-enable = Offer it
cadmin-offer-withdraw = Stop offering it
cadmin-offer-details = Local details
cadmin-offer-public = The service's page for residents
cadmin-offer-enabled = The community now offers “{ $service }”. Residents will see it within seconds.
cadmin-offer-withdrawn = The community no longer offers “{ $service }”. Cases already made stay in work; its local details are removed.
cadmin-offer-saved = The local details of “{ $service }” are saved.
cadmin-offer-intro = What the service's definition leaves to the community: where the result is collected, the responsible department, a note for residents and, where allowed, the fee.
cadmin-offer-submit = Save the details
cadmin-fee = Fee, UAH
cadmin-fee-hint = The community sets the fee. For example, 120 or 85.50; 0 means free of charge. Left empty, residents read that the community sets it.
cadmin-fee-hint-max = The community sets the fee, at most { $max } UAH. For example, 120 or 85.50; 0 means free of charge.
cadmin-fee-by-definition = The service's definition sets it; the community does not change it.
cadmin-collect-at = Where the result is collected
cadmin-collect-at-hint = One of the community's service centres.
cadmin-collect-at-none = Not said
cadmin-department-uk = Responsible department in Ukrainian
cadmin-department-hint = For example, “Відділ соціального захисту”.
cadmin-department-en = Responsible department in English
cadmin-note-uk = Note for residents in Ukrainian
cadmin-note-hint = Briefly: what is worth knowing in this community.
cadmin-note-en = Note for residents in English
cadmin-error-fee-fixed = The service's definition sets its fee ({ $fee }); the community does not set its own
cadmin-error-fee-format = Enter an amount in hryvnias, for example 120 or 85.50
cadmin-error-fee-max = At most { $max } UAH: the service's definition sets this limit
cadmin-error-collect-at = Choose one of the community's service centres, or “Not said”
fee-community-unset = The community sets the fee; ask the ЦНАП for it.
cadmin-day-monday = Monday
cadmin-day-tuesday = Tuesday
cadmin-day-wednesday = Wednesday
cadmin-day-thursday = Thursday
cadmin-day-friday = Friday
cadmin-day-saturday = Saturday
cadmin-day-sunday = Sunday

welcome-submit = Save password and continue
totp-title = Set up the second step of signing in
totp-intro = Staff sign in with a password and a one-time code from an app on their phone, so that no one can sign in with your password without your phone.
totp-step-app = Install an app for one-time codes, such as Google Authenticator, Microsoft Authenticator, FreeOTP or Aegis.
totp-step-scan = Scan this QR code with the app.
totp-qr-label = QR code for the one-time code app
totp-step-type = If you cannot scan it, type this key into the app:
totp-uri = Show the full otpauth link
totp-step-code = Enter the code the app shows.
totp-submit = Confirm
field-code = Code from the app
field-code-hint = 6 digits. Without your phone, enter one of your recovery codes.
code-title = Enter your sign-in code
code-submit = Sign in
error-code = That code does not work. Enter the 6 digits the app shows now, or a recovery code
codes-title = Your recovery codes
codes-intro = Each code works once. Use one when your phone is not at hand.
codes-keep = Write them down or print them, and keep them apart from your phone. We will not show them again.
codes-continue = I have kept the codes, continue
account-export = Download everything Hromada holds about me
account-delete = Delete your account
delete-title = Delete your account
delete-intro = We will delete your address, name, password, sign-ins and unfinished applications (drafts).
delete-cases = Submitted applications stay, because the law requires appeals and decisions to be kept, but they will no longer be linked to your account.
delete-confirm = To confirm, enter your password. This cannot be undone.
delete-submit = Delete for good
delete-keep = No, keep my account
delete-staff = Staff accounts are removed by the community’s administrator. Please ask them.
deleted-title = Account deleted
deleted-text = Your personal details have been deleted. Thank you for using Hromada.
invite-title = Invite a staff member
invite-intro = They will get a letter with a link to set a password and the second step of signing in. The link works for 7 days.
invite-grant = Role and workplace
invite-submit = Send the invitation
invite-sent-title = Invitation sent
invite-sent-text = We have sent an invitation to { $email }.
invite-resident = This address belongs to a resident. Staff need a work address of their own
account-invite = Invite a staff member
mail-invite-subject = Invitation to Hromada
mail-invite-body = Hello,
    
    You have been invited to work with Hromada ({ $role }). To start, open this link, set a password and set up the second step of signing in:
    { $link }
    
    The link works for 7 days and only once. If you did not expect this letter, do nothing.

## The resident's journey
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
size-kb = { $n } KB
size-mb = { $n } MB
back = Back
continue = Continue
change = Change
apply-have-ready = What you need
apply-scans = A photo or scan of a document will do if everything on it can be read. Files can be PDF, JPG or PNG.
apply-saved = Your answers are saved after every page: you can stop and come back later.
apply-start = Start now
apply-needs-account = To apply online, sign in or create an account. This is needed because the application concerns your personal data.
apply-sign-in = Sign in and start
apply-resume-draft = Continue the draft saved on { $date }
apply-step = Step { $n } of { $total }
apply-save-later = Save and come back later
file-remove = Remove file
file-upload-more = Upload and add another
hint-only-if = Only if you answered { $answer } to “{ $question }”.
hint-answer = “{ $answer }”
hint-or = { " or " }
hint-only-if-not = Only if your answer to “{ $question }” was not { $answer }.
# "Where do I find this?" under fields whose value is printed on a document
find-summary = Where do I find this?
find-without = If you do not have it.
find-rnokpp-drawing = Drawing: the back of an ID card; the line “РНОКПП” with its 10 digits is marked.
find-rnokpp-place = The taxpayer number (РНОКПП) is 10 digits. It is on your taxpayer card, on the back of the ID card in the line “РНОКПП”, and in the Diia app.
find-rnokpp-without = If you refused a taxpayer number for religious reasons and your passport has a mark saying so, enter your passport series and number (like КВ123456) or the 9 digits of your ID-card number in this field. If you have a number but do not know it, the tax office or the ЦНАП (service centre) can tell you.
find-id-document-drawing = Drawing: a page of the passport booklet with the series and number marked at the top, and an ID card with the document number marked.
find-id-document-place = In the passport booklet the series and number — two letters and six digits, like КВ123456 — are printed at the top of the first page. On the ID card the document number is 9 digits on the front, in the line “Документ №” (Document No.); do not mix it up with the line “Запис №” (Record No.), which has a dash.
find-id-document-without = Either document will do: the passport booklet or the ID card. If your passport was lost or is still being made, ask at the ЦНАП (service centre) how to apply.
find-edrpou-drawing = Drawing: an extract from the Unified State Register; the line with the 8-digit code is marked.
find-edrpou-place = The EDRPOU code is 8 digits. It is in the extract from the Unified State Register, in the line “Ідентифікаційний код юридичної особи” (identification code of the legal entity), and on the organisation’s letterhead and contracts. You can find it by the organisation’s name at usr.minjust.gov.ua.
find-edrpou-without = Only legal entities have an EDRPOU code. A sole trader (ФОП) has none and gives their taxpayer number (РНОКПП) instead.
find-iban-drawing = Drawing: a bank’s statement of account details; the IBAN line starting with UA is marked.
find-iban-place = The IBAN is the account number: UA and 27 digits. It is in your bank’s app (under the card’s or account’s details), in a statement of account details from the bank, and in the account contract. It is not the 16 digits printed on the bank card itself.
find-iban-without = If you have no account, any bank will open one with your passport and taxpayer number. If you have an account but do not know its IBAN, ask a branch of your bank for a statement of account details.
find-plate-drawing = Drawing: a car’s number plate — two letters, four digits and two letters, like АА 1234 ВВ.
find-plate-place = The number plate is on the plates at the front and back of the car and in the vehicle registration certificate: two letters, four digits and two letters, like АА 1234 ВВ. You may type the letters in Ukrainian or Latin.
find-plate-without = If the car is not registered yet or its plate looks different (a personalised or transit plate), ask at the ЦНАП (service centre) for help with applying.
problem-vehicle-plate = Enter the number plate: two letters, four digits and two letters, like АА 1234 ВВ
hint-date = For example, { $example }.
hint-max-chars = Up to { $n } { $n ->
    [one] character
   *[other] characters
  }.
hint-files = { $kinds } files, each up to { $size } MB, at most { $count } { $count ->
    [one] file
   *[other] files
  }.
hint-optional = Optional.
problem-required = Fill in “{ $label }”
problem-choose = Choose an answer: “{ $label }”
problem-declaration = Tick the box to confirm
problem-file-required = Add a file: “{ $label }”
problem-too-short = “{ $label }”: write at least { $min } { $min ->
    [one] character
   *[other] characters
  }
problem-too-long = “{ $label }”: shorten the text to { $max } { $max ->
    [one] character
   *[other] characters
  }
problem-number = “{ $label }”: enter a number, like 12 or 12.5
problem-whole = “{ $label }”: enter a whole number, without a decimal point
problem-too-small = “{ $label }”: the number must be { $min } or more
problem-too-large = “{ $label }”: the number must be { $max } or less
problem-date = “{ $label }”: enter the date as day.month.year, for example { $example }
problem-date-early = “{ $label }”: the date must be { $date } or later
problem-date-late = “{ $label }”: the date must be { $date } or earlier
problem-option = “{ $label }”: choose one of the answers offered
problem-phone = Enter a phone number, like 067 123 45 67 or +380 67 123 45 67
problem-email = Enter an e-mail address, like olena@ukr.net
problem-rnokpp = Enter the 10 digits of your taxpayer number (RNOKPP) as on your certificate, or your passport series and number if you refused the number
problem-edrpou = Enter the 8 digits of the EDRPOU code, as in the register extract
problem-iban = Enter the IBAN: UA and 27 digits, as in your bank’s statement
problem-id-document = Enter the passport series and number (like KA123456) or the 9 digits of the ID card
problem-too-many-files = “{ $label }”: add at most { $max } { $max ->
    [one] file
   *[other] files
  }; remove the extra ones
problem-characters = “{ $label }”: remove unprintable or unusual characters; if you pasted the text, type it in
upload-too-big = The file “{ $name }” is too big: { $size } at most. Make the photo smaller or scan at a lower resolution
upload-wrong-type = The file “{ $name }” is not { $kinds }. Add a photo or scan in one of these formats
upload-image-unreadable = The file “{ $name }” is damaged: its image size cannot be read. Save the photo again, or take a screenshot, and add that
upload-image-too-large = The image “{ $name }” is too large: { $width } × { $height } px. It may have at most { $side } px on a side and { $megapixels } MP in all. Make the photo’s resolution lower
upload-application-full = “{ $label }”: all files of an application together cannot exceed { $size }. Remove or shrink a file
upload-failed = The file could not be saved. Try again in a minute
upload-body-too-large = Too much data was sent. One file may be up to { $file }, all files of an application together up to { $all }. Go back, make the files smaller and try again.
form-malformed = The form arrived damaged. Go back and send it again.
form-too-many-parts = Too many files or fields were sent at once. Go back and add the files a few at a time.
form-problem-title = The form could not be accepted
version-changed-title = The form of this service has changed
version-changed-text = While the page was open, the community updated the form. Your saved answers are still there; open the application again from “Your applications” and carry on.
check-title = Check your answers
check-incomplete = The application is not complete yet
check-send-title = Send your application
check-send-text = By sending the application you confirm that the information is true to the best of your knowledge.
check-email-note = A confirmation will be sent to { $email }.
check-submit = Send application
answer-none = Not given
answer-confirmed = Confirmed
done-title = Application sent
done-reference = Your reference number
done-service = Service
done-due = Decision due by
done-email = We have sent a confirmation to { $email }.
done-next-title = What happens next
done-next = An officer of the community will review the application. If anything is missing, you will be asked to clarify. Keep the reference number in case you phone us.
done-next-account = An officer of the community will review the application. If anything is missing, you will be asked to clarify — the message will appear in “Your applications” and in your e-mail. Keep the reference number in case you phone us.
done-tracking-title = Keep this link
done-tracking-text = With this link you can follow the application without an account. We have also e-mailed it to you. Do not share it.
done-status = Application status
status-draft = Draft
applications-title = Your applications
applications-drafts = Unfinished applications
applications-no-drafts = You have no unfinished applications.
applications-drafts-kept = Drafts are kept for { $days } { $days ->
    [one] day
   *[other] days
  } after the last change; we will e-mail you before one is deleted.
applications-draft-until = Kept until { $date }.
applications-delete = Delete draft
applications-submitted = Sent applications
applications-none = You have not sent any applications yet.
applications-submitted-on = Sent on { $date }.
applications-sign-in = Sign in to see all your applications
applications-find = Find a service
draft-delete-title = Delete this draft?
draft-delete-text = Your answers and the files you added will be deleted. This cannot be undone.
draft-delete-button = Yes, delete it
draft-delete-keep = No, keep it
track-switch-caption = Application link
track-switch-title = Open another application?
track-switch-current = This browser already holds your application: { $current }.
track-switch-other = The link you followed leads to another one: { $other }.
track-switch-warning = Without an account, a browser holds one application. If you switch, it will no longer open the current one: a draft not at all, a sent application only through the link in its e-mail. If you did not expect this link, do not switch.
track-switch-button = Switch to the other application
track-switch-keep = Keep my application
track-case-sent = { $service } ({ $community }), reference { $reference }
track-case-draft = a draft of “{ $service }” ({ $community }), started on { $date }
draft-deleted-text = The draft and its files have been deleted.
case-reference = Application
case-community = Community
case-submitted = Sent
case-due = Decision due by
case-due-paused = { $date }; the deadline is paused while we wait for your answer
case-waiting = The community asks you to clarify: “{ $request }”. Reply below — the deadline clock restarts as soon as you send your answer.
case-timeline = What has happened
case-your-answers = Your answers
case-files = Your files
case-withdraw-link = Withdraw the application
timeline-submitted = You sent the application
timeline-you-wrote = You wrote
timeline-office-wrote = The community wrote
timeline-moved = Status: { $state }
timeline-you-moved = You changed the status: { $state }
timeline-action = { $action } — { $state }
opened-heading = Who at the community opened your application
opened-intro = Every time someone at the community opens your application, one of its files or a document, it is written to a log that cannot be changed unnoticed. These are its entries.
opened-none = No one at the community has opened your application yet.
opened-all = See every entry
opened-title = Who opened application { $reference }
opened-earlier = Earlier entries
opened-back = Back to the application
opened-by = { $name } ({ $roles }), { $community }
opened-someone = A former member of staff
opened-staff-number = Staff member no. { $number }
opened-staff = community staff
opened-case = Opened the application
opened-file = Opened the file “{ $file }”
opened-document = Opened the document { $document }
reply-heading = Write to the community
reply-answer-heading = Send your clarification
reply-message = Message
reply-files = Files (optional)
reply-files-hint = PDF, JPG or PNG, each up to 10 MB, at most 10.
reply-send = Send
reply-sent = Your message has been sent.
reply-empty = Write a message or add a file
reply-too-long = Shorten the message to { $max } { $max ->
    [one] character
   *[other] characters
  }
reply-characters = Remove unprintable or unusual characters from the message
reply-too-many-files = Add at most { $max } { $max ->
    [one] file
   *[other] files
  } at a time
withdraw-title = Withdraw the application
withdraw-text = The community will stop working on it. To get the service later, you will need to apply again.
withdraw-reason = Reason (optional)
withdraw-button = Yes, withdraw it
withdraw-keep = No, keep the application
mail-submitted-subject = Application { $reference } received
mail-submitted-body = Hello,
    
    The community “{ $community }” has received your application “{ $service }”.
    Reference number: { $reference }
    Decision due by { $due }.
    
    Status: { $link }
    
    If you did not send this application, you need not do anything.
mail-draft-expiry-subject = An unfinished application will soon be deleted
mail-draft-expiry-body = Hello,
    
    You started the application “{ $service }” but did not send it. The draft will be deleted on { $date }.
    To continue: { $link }
    
    If you no longer need it, you need not do anything.

## The back-office
staff-queue-title = Work queue
staff-overview-title = Workload of the team
staff-assist-link = Apply for a resident (service centre)
staff-assisted-drafts = Unfinished applications you started for residents
staff-saved-on = Saved on { $date }
staff-notices = Notices
staff-notice-new = New:
staff-service = Service
staff-any = Any
staff-state = State
staff-state-open = All open
staff-assignee = Assignee
staff-me = Me
staff-nobody = Unassigned
staff-due = Due
staff-due-overdue-only = Overdue
staff-due-soon-only = Due within 2 working days
staff-sort = Order
staff-sort-due = Soonest due first
staff-sort-newest = Newest first
staff-sort-oldest = Oldest first
staff-filter = Show
staff-filter-all = All open ({ $n })
staff-filter-mine = Mine ({ $n })
staff-filter-unassigned = Unassigned ({ $n })
staff-filter-overdue = Overdue ({ $n })
staff-filter-soon = Due soon ({ $n })
staff-total = { $n ->
    [one] { $n } application
   *[other] { $n } applications
  }
staff-queue-caption = Applications matching the filters
staff-select = Select
staff-select-case = Select application { $reference }
staff-reference = Reference
staff-overdue = overdue
staff-paused = deadline paused
staff-assign-to = Assign the selected applications to
staff-assigned = { $n ->
    [0] No application was assigned: the ones selected are decided or outside your community.
    [one] { $n } application assigned.
   *[other] { $n } applications assigned.
  }
staff-assign = Assign
staff-pages = Pages of the queue
staff-page = Page { $n } of { $total }
staff-prev = Previous
staff-next = Next
staff-by-officer = By assignee
staff-by-service = By service
staff-open = Open
staff-overdue-count = Overdue
staff-claim = Take it on
staff-actions = Actions
staff-answers = The applicant’s answers
staff-files = Files of the application
staff-internal = internal
staff-note-title = Internal note
staff-note-label = Note (the applicant does not see it)
staff-note-save = Save note
staff-message-title = Write to the applicant
staff-message-label = Message (the applicant gets it by e-mail)
staff-message-send = Send to the applicant
staff-refusal-reason = Reason for the refusal (the applicant will see this text)
staff-cancel = Cancel
staff-done = Done.
staff-due-paused = { $date }; paused while the applicant answers
staff-due-overdue = { $date } — overdue
staff-applicant = Applicant
staff-applicant-unknown = Not given
staff-channel = Channel
staff-channel-assisted = At the service centre, operator { $operator }
staff-event-submitted = Application submitted
staff-event-note = Internal note
staff-event-resident-message = The applicant wrote
staff-event-office-message = Message to the applicant
staff-by-applicant = applicant
staff-text-empty = Write some text
staff-refused-title = This action is not possible now
staff-refused-text = The procedure of this service does not allow it in the application’s current state or for your role, or someone else has just changed the application. Nothing was changed. Go back to the application and reload it.
account-staff-queue = Work queue
calendar-title = Non-working days
calendar-intro = These days do not count towards deadlines set in working days. Under martial law public holidays are working days, so add only days that really are not.
calendar-empty = No non-working days have been added: every Monday to Friday counts as a working day.
calendar-caption = Non-working days besides Saturdays and Sundays
calendar-day = Date
calendar-note = Note
calendar-remove = Remove
calendar-add = Add a non-working day
calendar-day-error = Enter the date as day.month.year, for example 24.08.2026

## Notifications
mail-greeting = Hello,
mail-status-line = Status: { $link }
mail-link-claim = sign in or create an account and enter the code from your service centre receipt here: { $link }
mail-link-anonymous = through the link you were given when you applied
mail-requested-subject = The community asks about application { $reference }
mail-requested-body = The community “{ $community }” is reviewing your application “{ $service }” ({ $reference }) and asks you for more information. You can answer on the application’s page. The time limit is paused until you answer.
mail-request-label = What the community asks:
mail-decided-subject = Decision on application { $reference }
mail-approved-body = The community “{ $community }” has reviewed your application “{ $service }” ({ $reference }) and granted it. Status: { $state }.
mail-rejected-body = The community “{ $community }” has reviewed your application “{ $service }” ({ $reference }) and refused it. Status: { $state }.
mail-closed-body = The review of your application “{ $service }” ({ $reference }) by the community “{ $community }” has ended. Status: { $state }.
mail-reason-label = The community’s explanation:
mail-message-subject = New message about application { $reference }
mail-message-body = The community “{ $community }” has written to you about your application “{ $service }” ({ $reference }). You can answer on the application’s page.
mail-message-label = The community’s message:
mail-staff-submitted-subject = New application { $reference }: { $service }
mail-staff-submitted-body = The community “{ $community }” has received the application “{ $service }” ({ $reference }). Decision due by { $due }.
mail-staff-answered-subject = The applicant answered: { $reference }
mail-staff-answered-body = The applicant has sent the information asked for on the application “{ $service }” ({ $reference }). The time limit runs again; decision due by { $due }.
mail-staff-reminder-subject = Application { $reference } is due on { $due }
mail-staff-reminder-body = The application “{ $service }” ({ $reference }) to the community “{ $community }” must be decided by { $due }.
mail-staff-link = Open the application: { $link }
notice-submitted-body = The community “{ $community }” has received your application “{ $service }”. Decision due by { $due }.
notices-title = Notifications
notices-new = New
notices-open-case = Open the application
notices-mark-read = Mark all as read

## Assisted applications and the survey
assist-title = Apply for a resident
assist-intro = A resident has come to the service centre: you apply for them, with their consent, through the same steps as on the website.
assist-service = Service
assist-service-choose = Choose a service
assist-resident = The resident
assist-who = Does the resident have an account on the website?
assist-who-account = Yes — find it by e-mail address
assist-who-new = No — record the resident's details without an account
assist-email = Resident's e-mail address
assist-email-hint = If the resident has an account, we find it by this address and the application appears in their account. Without an account the address is optional: a letter about the application goes to it. Finding a resident by phone number is not possible yet — accounts have no phone number.
assist-full-name = Resident's full name
assist-full-name-hint = Required if the resident has no account.
assist-phone = Resident's phone number
assist-phone-hint = Optional. For example, 067 123 45 67.
assist-grounds = Identity check and consent
assist-identity = How did you check the resident's identity?
assist-identity-passport = Ukrainian passport (booklet)
assist-identity-id-card = ID card
assist-identity-other = Another document
assist-identity-note = Which document
assist-identity-note-hint = Only if you chose "Another document": the document's name, without its number.
assist-consent = The resident agrees that the operator applies on their behalf
assist-consent-hint = Ask the resident. Without their consent you cannot apply.
assist-error-service = Choose a service
assist-error-who = Choose whether the resident has an account
assist-error-email-empty = Enter the e-mail address the resident registered with
assist-error-no-account = There is no account with this address. Check the address or choose "No — record the resident's details without an account"
assist-error-name = Enter the resident's full name
assist-error-name-long = The name is too long: 100 characters at most
assist-error-characters = Remove unprintable or unusual characters
assist-error-identity = Choose how you checked the resident's identity
assist-error-identity-note = Write which document you checked the identity with
assist-error-identity-note-long = The document's name is too long: 200 characters at most
assist-error-consent = Tick that the resident agrees: without consent you cannot apply on their behalf
assist-check-title = Check before you start the application
assist-check-for = On behalf of
assist-check-account = { $name } (account { $email })
assist-check-consent = Resident's consent
assist-check-next = Next you fill in the application through the same steps as the resident would on the website.
assist-start = Start the application
assist-change = Change
case-channel = How it was made
case-assisted = Made at the service centre by an operator on your behalf ({ $name })
timeline-submitted-assisted = A service centre operator sent the application on your behalf
done-receipt-title = Receipt for the resident
done-receipt-text = Print the receipt with the reference number. If the resident has no account, the receipt carries a code to add the application to their account later.
done-receipt-link = Open the receipt
receipt-title = Receipt for an application
receipt-reference = Reference number
receipt-applied = Applied by
receipt-applied-by-operator = A service centre operator on behalf of: { $name }
receipt-office = Service centre
receipt-claim-title = Code for your account
receipt-claim-step-account = Register or sign in at { $site }.
receipt-claim-step-code = Open { $link } and enter this code — the application appears in "My applications".
receipt-claim-once = The code works once. Do not show it to others.
receipt-print-now = Print this page now (Ctrl+P): the code is shown only once. If the receipt is lost, make a new code — the previous one stops working.
receipt-issue-text = The resident has no account. Make a one-time code and print the receipt with it: with the code the resident adds the application to their account. If a code was printed before, it stops working.
receipt-issue = Make a code and show the receipt
receipt-print-hint = To print the receipt, press Ctrl+P.
applications-staff = A staff account makes no applications of its own: the residents’ applications you work on are in the work queue.
applications-claim = Have a code from a service centre receipt? Add the application to your account
claim-title = Add an application made at a service centre
claim-intro = If a service centre applied for you, the receipt carries a code. Enter it and the application appears among yours.
claim-field = Code from the receipt
claim-field-hint = 10 letters and digits, for example K7Q2-M9XW-3P. Capitals and dashes do not matter.
claim-submit = Add the application
claim-error-empty = Enter the code from the receipt
claim-error-wrong = This code does not work. Check it on the receipt: it may have been used already, or the service centre made a new one
survey-title = Your opinion
survey-question = How satisfied are you with how your application was handled?
survey-question-hint = Choose from 1 (not at all satisfied) to 5 (very satisfied).
survey-score-1 = 1 — not at all satisfied
survey-score-2 = 2 — rather not satisfied
survey-score-3 = 3 — partly satisfied
survey-score-4 = 4 — rather satisfied
survey-score-5 = 5 — very satisfied
survey-comment = What could be done better? (optional)
survey-send = Send your answer
survey-thanks = Thank you for your answer!
survey-your-score = Your rating
survey-your-comment = Your comment
survey-error-score = Choose a rating from 1 to 5
survey-error-comment-long = Shorten the comment to { $max } { $max ->
    [one] character
   *[other] characters
  }
survey-error-comment-characters = Remove unprintable or unusual characters from the comment

## Pulse
## "Was this page useful?" (issue 21)
feedback-title = Feedback on this page
feedback-question = Was this page useful?
feedback-yes = Yes
feedback-no = No
feedback-comment = What could be better? (optional)
feedback-comment-hint = Up to 1000 characters. Do not write your name, address, phone, e-mail or document numbers: feedback is anonymous and we do not reply to it. We take e-mail addresses and runs of six or more digits out of the comment.
feedback-send = Send feedback
feedback-error-useful = Choose “Yes” or “No”: was this page useful
feedback-error-comment-long = Shorten the comment to { $max } { $max ->
    [one] character
   *[other] characters
  }
feedback-error-comment-characters = Remove unprintable or unusual characters from the comment
feedback-repeated-title = You have already answered about this page
feedback-repeated-text = Thank you, we already have your answer about this page. You can send another in { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}.
feedback-thanks-title = Thank you for your feedback
feedback-thanks-text = Your answer helps make the service pages clearer.
feedback-thanks-removed = So as not to keep personal data, we took e-mail addresses and long runs of digits (phones, document numbers) out of your comment.
feedback-back = Back to the page
feedback-page-start = Service page
feedback-page-check = Check your answers
feedback-page-confirmation = Confirmation
feedback-page-status = Application status
feedback-page-question = Question: { $title }
pulse-useful-title = Are the service pages useful
pulse-useful-intro = The share of “Yes” answers to “Was this page useful?” on each service's pages, and the pages most often answered “No”. A share is shown when there are enough answers, and a page when it was answered “No” at least as many times as the threshold requires.
pulse-useful-service = Service
pulse-useful-answers = Answers
pulse-useful-share = Answered “Yes”
pulse-useful-pages = Most often “No”
pulse-useful-all = All services
pulse-useful-none = Too few answers yet to show.
staff-feedback-title = Feedback on pages
staff-feedback-intro = What residents wrote about the community's service pages in answer to “Was this page useful?”, newest first. Feedback is anonymous: e-mail addresses and long runs of digits were taken out, and only the day is kept.
staff-feedback-community = Community
staff-feedback-show = Show
staff-feedback-none = No comments yet.
staff-feedback-older = Older feedback
staff-feedback-answer = Useful?
footer-pulse = The pulse: how services are doing, with open data
pulse-title = The pulse of progress
pulse-title-of = Pulse: { $name }
pulse-intro = Figures for { $from } – { $to }, as of { $date }, { $time } Kyiv time.
pulse-download = Download the data:
pulse-data-link = what the data holds, and its licence
pulse-key-figures = The last 12 months
pulse-fig-services = Services online
pulse-services-value = { $online } of { $offered } can be completed fully online
pulse-fig-applications = Applications
pulse-channels-note = self-service online: { $own }; at a service centre: { $assisted }; on behalf of a resident: { $on_behalf }
pulse-fig-decisions = Decisions
pulse-withdrawn-note = applications withdrawn: { $withdrawn }
pulse-fig-on-time = Decided on time
pulse-fig-time = Processing time
pulse-time-value = median { $median }, 90th percentile { $p90 }
pulse-fig-open = Open now
pulse-open-value = { $open }, of them overdue: { $overdue }
pulse-fig-satisfaction = Satisfaction
pulse-satisfaction-value = { $mean } out of 5
pulse-answers-note = survey answers: { $answers }
pulse-fig-index = Index
pulse-index-value = { $index } out of 100
pulse-rank-in-region = place { $rank } of { $of } in the region
pulse-rank-among-regions = place { $rank } of { $of } regions
pulse-fewer-than = fewer than { $n }
pulse-too-few = too few to show
pulse-hidden = hidden
pulse-no-data = no data
pulse-percent = { $value }%
pulse-days = { $n ->
    [one] { $shown } day
   *[other] { $shown } days
}
pulse-month-1 = January
pulse-month-2 = February
pulse-month-3 = March
pulse-month-4 = April
pulse-month-5 = May
pulse-month-6 = June
pulse-month-7 = July
pulse-month-8 = August
pulse-month-9 = September
pulse-month-10 = October
pulse-month-11 = November
pulse-month-12 = December
pulse-mon-1 = Jan
pulse-mon-2 = Feb
pulse-mon-3 = Mar
pulse-mon-4 = Apr
pulse-mon-5 = May
pulse-mon-6 = Jun
pulse-mon-7 = Jul
pulse-mon-8 = Aug
pulse-mon-9 = Sep
pulse-mon-10 = Oct
pulse-mon-11 = Nov
pulse-mon-12 = Dec
pulse-applications-heading = Applications by month
pulse-chart-applications-title = Applications per month
pulse-chart-months-desc = Bar chart: one bar per month, oldest first. The same figures are in the table below it.
pulse-chart-applications-summary = Applications in the last 12 months: { $total }. The busiest month was { $month } ({ $max }).
pulse-chart-applications-few = Applications in the last 12 months: { $total }.
pulse-applications-caption = Applications by month and channel
pulse-month = Month
pulse-total = Total
pulse-channel-self-service = Self-service online
pulse-channel-assisted = At a service centre
pulse-channel-on-behalf = On behalf of a resident
pulse-days-heading = Decisions and processing time
pulse-chart-days-title = Median processing time per month, in days
pulse-chart-days-summary = Median over 12 months: { $median }. The longest monthly median was in { $month } ({ $max }).
pulse-chart-days-few = Processing time is shown for months with at least { $n ->
    [one] { $n } decision
   *[other] { $n } decisions
}; there are too few yet.
pulse-days-caption = Decisions, processing time and satisfaction by month
pulse-col-decisions = Decisions
pulse-col-on-time = On time
pulse-col-median = Median, days
pulse-col-p90 = 90th percentile, days
pulse-col-satisfaction = Satisfaction, out of 5
pulse-services-heading = By service
pulse-services-caption = Each service over the last 12 months
pulse-col-service = Service
pulse-col-applications = Applications
pulse-col-open = Open
pulse-col-overdue = Overdue
pulse-compare-regions = Regions compared
pulse-compare-communities = Communities of the region compared
pulse-chart-index-desc = Bar chart: each place's index from 0 to 100, highest first. The same figures are in the table below it.
pulse-chart-index-summary = Highest index: { $best } ({ $best_value }); lowest: { $worst } ({ $worst_value }).
pulse-chart-index-one = Only one has an index yet: { $name } ({ $value }).
pulse-chart-index-none = The index is computed once at least { $n ->
    [one] { $n } decision was
   *[other] { $n } decisions were
} made in 12 months; there are too few yet.
pulse-compare-caption = The last 12 months and the place by index
pulse-col-place = Name
pulse-col-rank = Place
pulse-col-index = Index
pulse-index-heading = The pulse index
pulse-index-explained = The index is a weighted sum of the indicators, from 0 to 100; parts with too little data are left out.
pulse-index-formula-link = The index's formula and weights
pulse-index-caption = Parts of the index: weight and score from 0 to 100
pulse-col-component = Part
pulse-col-weight = Weight
pulse-col-score = Score
pulse-component-on-time = Decided on time
pulse-component-satisfaction = Residents' satisfaction
pulse-component-speed = Speed
pulse-component-backlog = Nothing overdue
pulse-component-services-online = Services fully online
pulse-component-self-service = Self-service applications
pulse-component-on-time-rule = The share of decisions made by their due date.
pulse-component-satisfaction-rule = (Mean score − 1) / 4; scores from 1 to 5.
pulse-component-speed-rule = 1 − median processing days / 30, and at least 0.
pulse-component-backlog-rule = 1 − overdue cases / open cases now; 1 when nothing is open.
pulse-component-services-online-rule = The share of the services offered that can be completed fully online.
pulse-component-self-service-rule = The share of applications residents made online themselves.
pulse-privacy = No personal data: a count from 1 to { $below } is shown as "fewer than { $n }", and every other count is rounded to the nearest { $n } (0 stays 0), so that no small number can be worked out by subtracting one figure from another — a community from its region, a month from the year. Medians, shares and means are shown only when at least { $n } { $n ->
    [one] case is
   *[other] cases are
  } behind them, and a share only when neither its part nor the rest is from 1 to { $below }.
pulse-privacy-exact = This installation publishes exact figures (its threshold is 1): no count is hidden or rounded.
pulse-data-title = The pulse's open data
pulse-data-intro = Every figure of the pulse downloads as CSV and as JSON — for the whole installation, each region and each community. All files have the same shape, described on this page.
pulse-data-licence = The data is published under the licence
pulse-data-snapshot = The current snapshot was made on { $date } at { $time } Kyiv time ({ $utc }); every row of a file carries the time of its snapshot (column snapshot_at).
pulse-data-threshold = The threshold is { $n }. A count from 1 to { $below } is shown as "fewer than { $n }" (in the files: an empty value flagged suppressed). Every other count — of applications, decisions, answers or cases — is rounded to the nearest multiple of { $n }, halves up ({ $low } is shown as { $n }, { $high } as { $double }; 0 stays 0), so that no small number can be worked out by subtracting one figure from another: a community from its region, a month from the 12 months, a service from all of them. A median, share or mean is shown only when at least { $n } { $n ->
    [one] case is
   *[other] cases are
  } behind it, a 90th percentile only from at least { $twice } { $twice ->
    [one] decision
   *[other] decisions
  } (of fewer than 10, it is the slowest single case). They are computed from the exact counts and published coarsely, so that they do not give an exact count back: a share to the nearest 10 percent from fewer than 20 cases, 5 percent from fewer than 100 and whole percent from 100; a mean score to one decimal.
pulse-data-threshold-none = The threshold is 1: every count is exact and no figure is hidden.
pulse-data-files = Files
pulse-data-files-intro = File addresses are easy to guess: add .csv or .json to the address of a pulse page.
pulse-file-installation-csv = the whole installation, CSV
pulse-file-installation-json = the whole installation, JSON
pulse-file-schema = the schema of the JSON files (JSON Schema)
pulse-file-region = the region "{ $name }", CSV; likewise /pulse/<region>.json
pulse-file-community = the community "{ $name }", CSV; likewise /<community>/pulse.json
pulse-data-format = CSV: UTF-8, comma-separated, the first line names the columns, an empty field has no value. JSON: an object with the licence, the snapshot time, the threshold, the list of columns (columns) and the rows (rows); each row has the same fields as the CSV, with null for no value. The decimal separator in the files is a full stop.
pulse-data-columns = Columns
pulse-data-columns-caption = The columns of every row, in this order
pulse-data-name = Name
pulse-data-meaning = What it holds
pulse-column-snapshot-at = When the snapshot was made (RFC 3339, UTC).
pulse-column-scope-type = What the row is about: installation (the whole installation), region or community.
pulse-column-scope = The region's or community's identifier, as in its address; empty for the whole installation.
pulse-column-region = For a community, its region's identifier; otherwise empty.
pulse-column-period = The period: a month YYYY-MM; 12 months YYYY-MM/YYYY-MM; the snapshot's day YYYY-MM-DD for figures of now.
pulse-column-service = The service's identifier; empty for all services together.
pulse-column-channel = How applications were made (for applications only); empty for all channels together.
pulse-column-measure = The measure; listed below.
pulse-column-value = A number; empty when it is hidden or there is nothing to compute it from (see flag). Counts are rounded as the threshold says (above). Shares are from 0 to 1.
pulse-column-flag = Empty when there is a value; suppressed: hidden by the threshold; no_data: no cases to compute it from.
pulse-data-measures = Measures
pulse-data-measures-caption = Measures, their units and definitions
pulse-data-unit = Unit
pulse-data-definition = Definition
pulse-unit-services = services
pulse-unit-applications = applications
pulse-unit-decisions = decisions
pulse-unit-ratio = share from 0 to 1
pulse-unit-days = calendar days
pulse-unit-cases = cases
pulse-unit-answers = answers
pulse-unit-score = score from 1 to 5
pulse-unit-points = points from 0 to 100
pulse-unit-place = place, 1 the highest
pulse-unit-places = number of places
pulse-measure-services-offered = Services the community offers; for a region or the installation, the different services of its communities.
pulse-measure-services-fully-online = Of them, those that can be completed fully online (see "How the figures are computed").
pulse-measure-applications = Submitted applications (not drafts), by month of submission.
pulse-measure-decisions = Decisions (approved or refused), by month of decision.
pulse-measure-decided-on-time = Of them, those made by the due date.
pulse-measure-on-time-share = The share decided on time: decided_on_time / decisions.
pulse-measure-processing-days-median = The median of days from submission to decision.
pulse-measure-processing-days-p90 = The 90th percentile of days from submission to decision: at least 90% of decisions were made within so many days.
pulse-measure-withdrawn = Applications residents withdrew; not part of processing time.
pulse-measure-open-now = Cases open on the snapshot's day: submitted, not decided yet.
pulse-measure-overdue-now = Of them, the overdue: past their due date with the deadline clock running (the office is not waiting for the resident).
pulse-measure-satisfaction-answers = Answers to the survey after a decision, by month of the answer.
pulse-measure-satisfaction-mean = The mean score of those answers.
pulse-measure-index = The pulse index (formula below).
pulse-measure-index-rank = The place by index: communities among the communities of their region, regions among regions. Equal indexes share a place.
pulse-measure-index-ranked = How many in this comparison have an index.
pulse-data-channels = Channels
pulse-channel-self-service-rule = The resident applied online themselves, with or without an account.
pulse-channel-assisted-rule = A service-centre operator applied with the resident, whose account was found.
pulse-channel-on-behalf-rule = A service-centre operator applied on behalf of a resident without an account, with their consent. The channel is decided at submission; someone applying online for another person cannot be told apart.
pulse-data-rules = How the figures are computed
pulse-rule-time = Months and days are Kyiv's.
pulse-rule-days = Processing time is in calendar days from the day of submission to the day of decision (0 on the same day), days the office waited for the resident included: that is how long the resident waited.
pulse-rule-median = The median is the middle value (with an even number of decisions, the mean of the two middle ones); the 90th percentile is by the nearest-rank method. Both to the day.
pulse-rule-on-time = A decision is on time when it is made by the due date, extended by the days the office waited for the resident. A case without a due date is never late.
pulse-rule-withdrawn = Withdrawn applications are not decisions: they count in neither processing time nor the share decided on time.
pulse-rule-open = Figures of now belong to no month: they are the state on the snapshot's day.
pulse-rule-satisfaction = Satisfaction is one question after a decision, a score from 1 to 5, one answer per case.
pulse-rule-online = Every service here can be applied for online: its definition is the online form. "Fully online" means that, besides, its processing reaches a decision without a step only a service-centre operator can take (such a step would mean a visit). Documents to be shown in person are not marked in service definitions, so they are not seen here; the service's page says what to bring.
pulse-rule-flags = A share (such as decided on time) is shown only when neither the part nor the rest is below the threshold; otherwise a small number could be worked out from it. When a hidden count could be worked out by taking the others from a shown total (the channels of all applications), the smallest of the others is hidden too, marked "hidden". Hidden figures are hidden in the charts too: no bar is drawn for them, and every other bar is as tall as the rounded count.
pulse-rule-refresh = The figures are computed from totals kept up to date with the cases, not from the cases themselves; the snapshot is made again at most once a minute.
pulse-data-formula = Index = 100 × ({ $sum }) / the sum of the weights of the parts counted, each part a score from 0 to 1.
pulse-data-index-rules = The index is computed when at least as many decisions as the threshold were made in 12 months. A part with too little data (fewer decisions, answers or open cases than the threshold, or a share that would tell a small number) is left out, and the weights of the rest are scaled up. The index is rounded to one decimal; places follow the rounded index.
pulse-data-horizon = Speed: a median of { $days } { $days ->
    [one] day
   *[other] days
  } or more scores 0 — the general longest term of an administrative service.
pulse-data-weights-caption = Parts of the index and their weights (100 in all)

## Documents
documents-title = My documents
documents-none = No documents yet. When the community makes a decision that issues a document, it appears here and on the application's page.
case-documents = Documents
document-number = Document number
document-issued-on = Date of issue
document-valid-until = Valid until
document-no-expiry = No expiry
document-holder = Issued to
document-status = Status
document-contents = Contents of the document
document-check-heading = Checking that it is genuine
document-check-scan = Point a phone camera at the QR code: the checking page opens.
document-check-visit = Or open { $address } and enter the verification code.
document-code = Verification code:
document-check-now = Check this document
document-revoke-link = Revoke the document
document-qr-label = QR code to check the document
document-pdf = Download the PDF ({ $number })
document-back-to-case = Back to the application
document-revoked-on = revoked on { $date }
document-revoked-banner = This document was revoked on { $date }. Reason: { $reason }
document-expired-banner = This document expired on { $date }.
document-pdf-scan = Check this document: point a phone camera at the QR code.
document-pdf-or-visit = Or open { $address }
document-pdf-code = and enter the verification code { $code }
document-pdf-signed = Signed with the community's electronic key { $key } (Ed25519).
document-pdf-keys = Public keys for checking offline: { $address }
document-revoke-title = Revoke document { $number }
document-revoke-intro = Once revoked, checking the QR code or the code says the document was revoked and gives the date. The applicant is told the reason. A revocation cannot be undone.
document-revoke-reason = Reason for revoking
document-revoke-reason-hint = The applicant reads this text. For example: "Wrong address; a new document was issued."
document-revoke-button = Revoke the document
document-revoke-reason-missing = Write the reason for revoking
document-revoke-reason-long = The reason must be { $max } { $max ->
    [one] character
   *[other] characters
  } or fewer
document-revoked-event = Document { $number } was revoked. Reason: { $reason }
timeline-document-revoked = Document revoked
staff-event-document-revoked = Document revoked

mail-document-issued = The community issued the document "{ $title }" No. { $number }. Open, print or download it as a PDF from the application's page; anyone can check it by its QR code or verification code on the website.

## Verification
## Short guides (/help, /help/{guide}) and the accessibility statement (/accessibility).
## A guide's messages may use $file, $application (upload limits), $side, $megapixels (image limits) and $idle (minutes).
footer-guides = Help: how to use this site
footer-accessibility = Accessibility statement
help-title = Help
help-intro = Short guides for people who rarely go online. Each one is a single page, step by step.
help-centre = If something does not work, contact your community’s service centre (TsNAP): they will help.
help-other-guides = Other guides
help-opens-new-tab = (opens in a new tab)
help-link-photograph = How to photograph a document with a phone
help-link-account = How to create an account and sign in
help-link-after = What happens after you apply, and how long it takes
help-link-else = How someone else can apply for you
help-link-qr = How to check a document’s QR code
guide-photograph-title = How to photograph a document with a phone
guide-photograph-summary = So that the office can read every word of your photo.
guide-photograph-prepare = Before you take the photo
guide-photograph-prepare-1 = Put the document on a flat, dark surface, such as a table.
guide-photograph-prepare-2 = Use daylight by a window or a bright lamp. Do not use the flash: it makes a glare.
guide-photograph-prepare-3 = Open the document fully. Press down any folded edges.
guide-photograph-take = Taking the photo
guide-photograph-take-1 = Hold the phone straight above the document, not at an angle.
guide-photograph-take-2 = The whole document, all four corners, must be in the picture. Keep your fingers off the text.
guide-photograph-take-3 = Tap the screen where the text is, so that the photo is sharp.
guide-photograph-take-4 = Look at the photo. Can you read every word and every number? If not, take it again.
guide-photograph-pages = If there are several pages
guide-photograph-pages-text = Take each page separately. If the question takes several files, choose them all at once, or add them one by one with “Upload and add another”.
guide-photograph-size = File sizes
guide-photograph-size-file = One file can be up to { $file }. Some questions allow less: the limit is written under the question.
guide-photograph-size-all = All the files of one application together can be up to { $application }.
guide-photograph-size-image = A photo can be at most { $side } pixels wide and high, and { $megapixels } MP in all. Ordinary phone photos fit. If your phone takes 100 or 200 MP photos, switch it to its normal mode.
guide-photograph-size-kinds = The site takes JPG and PNG photos and PDF files. If a file is too large, send a smaller copy of the photo: many phones offer this when you share a photo.
guide-photograph-stuck = If it does not work
guide-photograph-stuck-text = Save your application and take the paper document to your community’s service centre (TsNAP).
guide-account-title = How to create an account and sign in
guide-account-summary = An account keeps all your applications in one place.
guide-account-need = Do you need one?
guide-account-need-text = Many services can be applied for without an account: you then get a link that shows how your application is doing. A service’s page says whether it needs an account.
guide-account-create = Creating an account
guide-account-create-1 = At the top of the page, choose “Your account”, then “No account yet? Create one”.
guide-account-create-2 = Enter your name and your e-mail address.
guide-account-create-3 = Choose a password of at least 12 characters. A few words are easiest to remember, like “green kettle goes home”. Do not use words from your name or e-mail address.
guide-account-create-4 = Open the letter we send you and follow the link in it within 24 hours. If there is no letter, look in your spam folder.
guide-account-sign-in = Signing in
guide-account-sign-in-1 = At the top of the page, choose “Your account”.
guide-account-sign-in-2 = Enter your e-mail address and password, and choose “Sign in”.
guide-account-sign-in-3 = On someone else’s computer, choose “Sign out” when you have finished.
guide-account-forgot = If you forgot your password
guide-account-forgot-1 = On the sign-in page, choose “Forgot your password?”.
guide-account-forgot-2 = Enter the address you registered with.
guide-account-forgot-3 = Within an hour, open the link in the letter and set a new password.
guide-account-no-email = If you have no e-mail address
guide-account-no-email-text = An account needs an e-mail address. Ask your family to help you set one up, or apply at your community’s service centre.
guide-after-title = What happens after you apply
guide-after-summary = How your application moves, how long it takes and where to see how it is doing.
guide-after-this-service = The time limit of “{ $service }”
guide-after-at-once = Straight after you apply
guide-after-at-once-text = You will see your application’s number. Write it down. If you gave an e-mail address, we send you a letter with this number.
guide-after-steps = How your application moves
guide-after-steps-1 = Your application goes to an officer of the community.
guide-after-steps-2 = The officer checks your answers and documents.
guide-after-steps-3 = If something is missing, they write to you. You can answer on your application’s page.
guide-after-steps-4 = The community decides, and we tell you. If a document is issued, you can download it from your application’s page.
guide-after-time = How long it takes
guide-after-time-text = Each service’s time limit is on its page, under “How long it takes”. It counts from the day you applied.
guide-after-time-days = Working days are days that are not weekends or public holidays. If a limit in calendar days ends on a day off, it moves to the next working day.
guide-after-time-pause = While the officer waits for your answer, the time limit stops. When you answer, it goes on.
guide-after-time-due = Your application’s page says the day by which you should have a decision.
guide-after-watch = Where to see how it is doing
guide-after-watch-account = If you signed in to an account: “Your applications” at the top of the page.
guide-after-watch-link = Without an account: through the link in our letter or on the “Application sent” page. Do not pass this link on.
guide-after-watch-phone = You can also call your community’s service centre and give your application’s number.
guide-else-title = How someone else can apply for you
guide-else-summary = An officer of the service centre, a relative or a friend can help you apply.
guide-else-centre = Through the service centre (TsNAP)
guide-else-centre-1 = Go to your community’s service centre with your passport or ID card and the documents the service needs.
guide-else-centre-2 = The officer asks for your consent and fills in the application in your name.
guide-else-centre-3 = You get a receipt with the application’s number. If you have no account, the receipt has a one-time code.
guide-else-centre-4 = To see the application on this site, create an account or sign in, open “Add an application made at a service centre” and enter the code from the receipt.
guide-else-relative = A relative or a friend
guide-else-relative-text = A relative can sit beside you and help you fill in the application. You apply in your own name, so no power of attorney is needed.
guide-else-relative-proxy = If someone else applies instead of you, without you, they usually need a power of attorney certified by a notary. Ask the service centre whether this service can be applied for that way.
guide-else-children = Children
guide-else-children-text = Parents apply for their children under 18 without a power of attorney.
guide-qr-title = How to check a document’s QR code
guide-qr-summary = How to make sure the community really issued a document and that it is still valid.
guide-qr-camera = With a phone’s camera
guide-qr-camera-1 = Open your phone’s camera and point it at the QR code on the document.
guide-qr-camera-2 = Tap the link that appears on the screen.
guide-qr-camera-3 = The “Check a document” page opens. It says whether the document is genuine and still valid.
guide-qr-code = With the verification code
guide-qr-code-1 = Find the verification code under the QR code: 10 letters and numbers.
guide-qr-code-2 = Open “Check a document”: there is a link at the bottom of every page.
guide-qr-code-3 = Enter the code and choose “Check”.
guide-qr-result = What you will see
guide-qr-result-text = The page shows the kind of document, its number, its dates, who issued it and the holder’s initials. Compare them with the paper. If anything differs, do not accept the document.
guide-qr-result-address = Check the site’s address in the browser’s address bar: it must be the one printed on the document.
a11y-title = Accessibility statement
a11y-intro = We want everyone to be able to use this site: with a screen reader, with a keyboard only, with larger text, on a small screen and on a slow connection.
a11y-status = How accessible this site is
a11y-status-text = The aim is level AA of the WCAG 2.2 guidelines (which the European standard EN 301 549 builds on). This site is partially conformant with that level: the known problems are listed below.
a11y-method = How we tested it
a11y-method-text = Before each release, an automated test opens every page that links reach in the Chromium browser, in Ukrainian and English. It checks the WCAG 2.2 A and AA rules with axe-core, the page’s weight (at most 30 KB), that the page fits a screen 320 pixels wide and at 200% zoom, its headings, the link to skip to the content, and that the page works without JavaScript. Separate scripts fill in the forms with the keyboard only.
a11y-figures-date = The results of the last check, { $date }:
a11y-figures-none = The test has not recorded results for this release yet: it does so itself when a check passes without a single failure.
a11y-figure-pages = Pages checked
a11y-figure-axe = Violations found by axe-core
a11y-figure-heaviest = Heaviest page
a11y-figure-heaviest-value = { $kb } KB of the { $budget } KB allowed ({ $page })
a11y-figure-reflow = Fit a width of 320 pixels
a11y-figure-reflow-value = { $n } of { $of }
a11y-figure-browser = Browser
a11y-method-people = Automated tests find only some problems. There has been no test yet with people who use assistive technology.
a11y-problems = Known problems
a11y-problem-pdf = PDF documents are tagged and have real text, but we have not yet checked them with screen readers.
a11y-problem-charts = The charts of the pulse pages are SVG images. Each has a short summary and a table with the same figures below it, but a screen reader does not read the chart itself part by part.
a11y-problem-timeout = If you are signed in and send nothing for more than { $idle } min, the site signs you out without a warning. The answers of the pages you already sent are kept; the answers of the open page must be typed again.
a11y-problem-staff-code = Community staff sign in with a six-digit code from an app on their phone. The code can be pasted, but copying it by hand from another device is hard for some people.
a11y-problem-texts = Each community writes its services’ descriptions and questions. We cannot check that all of them are in plain language.
a11y-formats = If you need another format
a11y-formats-text = If you need information from this site in another form — printed, in large print, read aloud over the phone — or you cannot apply online, your community’s service centre will help: you can make any application there in person.
a11y-contact = Where to report a problem
a11y-contact-text = Write to or call your community’s service centre. Its address, phone, e-mail and opening hours are on the community’s page and on every service’s page. Say which page had the problem and what you were doing.
a11y-contact-link = Find your community
verify-title = Check a document
verify-intro = Check that a document was really issued by a community and is still valid. Point a phone camera at the document's QR code, or enter the verification code printed under it.
verify-code-label = Verification code or the link from the QR code
verify-code-hint = 10 letters and digits, for example 7K3MQ-9XD2A. Capitals and the dash do not matter.
verify-button = Check
verify-code-unreadable = Enter the code as printed: 10 letters and digits, for example 7K3MQ-9XD2A, or paste the link from the QR code
verify-valid = The document is genuine and valid
verify-valid-text = It was issued by the community, and the signature of its QR code is intact. The signature protects what the QR code holds: the number, the dates, the kind of document, the holder and a fingerprint of its contents. Compare the details below with the paper; if the paper says anything else, contact the community that issued it.
verify-revoked = The document was revoked on { $date }
verify-revoked-text = The document is genuine, but the community revoked it. It is no longer valid. Contact the community that issued it.
verify-expired = The document expired on { $date }
verify-expired-text = The document is genuine but no longer valid. Its holder can ask the community for a new one.
verify-not-here = This document was not issued here
verify-not-here-text = We do not know the key it was signed with, or have no record of such a document. Another system may have issued it; check it there.
verify-code-not-found = No document has this code
verify-code-not-found-text = Check that the code was entered as it is printed under the QR code: similar characters are easy to mix up. If the code is right, this document was not issued here — do not accept it until you have checked it where it was issued.
verify-forged = The document is forged or damaged
verify-forged-text = The signature does not match the document's contents: someone changed the document, or the code was read wrongly. Do not accept this document; try reading the QR code again.
verify-details = What the document says
verify-type = Document
verify-issuer = Issued by
verify-holder-initials = Holder's initials
verify-compare = This page shows only the holder’s initials, so that someone who knows only the verification code does not learn their name. The QR code itself carries the holder’s full name as printed on the paper, so that the document can be checked offline too. Compare the number, the dates and the initials with the paper.
verify-another = Check another document
verify-offline = To check offline, use the communities' public keys:

# ---- bklang ----
# `hromada backup`, `backup verify` and `restore` (crates/hromada/src/backup.rs, main.rs):
# their reports and refusals. Report lines are printed indented by the command.
backup-size-b = { $n } B
backup-size-kb = { $n } KB
backup-size-mb = { $n } MB
backup-size-gb = { $n } GB
backup-size-tb = { $n } TB
backup-written = Backup written to { $dest }
backup-written-database = database ({ $backend }, schema { $schema }): { $size }
backup-written-uploads = uploads: { $count ->
    [one] { $count } file
   *[other] { $count } files
}, { $size }
backup-written-keys = signing keys (sealed): { $count }
backup-written-total = in all: { $count ->
    [one] { $count } file
   *[other] { $count } files
}, { $size }, in { $seconds } s
backup-written-check = Check it with `hromada backup verify { $dest }`.
backup-verified = { $src }: a whole backup ({ $backend } database, schema { $schema }, made { $made } by Hromada { $version }): { $count ->
    [one] { $count } file
   *[other] { $count } files
}, { $size }, all as the manifest says
backup-no-database = there is no database at { $path }: check data_dir and database_url
backup-cannot-open-database = cannot open the database { $url }: { $error }
backup-locked = another backup of { $dir } is running (it holds { $lock }): wait for it to finish
backup-cannot-create-data-dir = cannot create the data folder { $path }: { $error }
backup-cannot-open = cannot open { $path }: { $error }
backup-cannot-lock = cannot lock { $path }: { $error }
backup-dest-not-empty = { $dest } is not empty: give a new folder for each backup
backup-dest-is-file = { $dest } is a file: give a new folder for the backup
backup-cannot-create = cannot create { $path }: { $error }
backup-cannot-read = cannot read { $path }: { $error }
backup-schema-unreadable = cannot read the database's schema version: { $error }
backup-no-schema = the database has no schema yet: there is nothing to back up
backup-schema-newer = the database was brought to schema { $schema } by a newer Hromada (this one knows up to { $known }): back it up with that version
backup-cannot-copy-database = cannot copy the database: { $error }
backup-cannot-write-manifest = cannot write the manifest: { $error }
backup-work-stopped = the backup's work stopped: { $error }
backup-upload-bad-name = a case refers to an upload named { $name }, which is not a SHA-256
backup-upload-missing = { $path }: a case refers to it but it is missing from the data folder
backup-cannot-copy-to = cannot copy { $from } to { $to }: { $error }
backup-upload-damaged = { $path } is damaged: its content's SHA-256 is { $sha }, not its name; put back the file from an earlier backup
backup-cannot-copy = cannot copy { $path }: { $error }
backup-cannot-sync = cannot make { $path } durable: { $error }
backup-cannot-write = cannot write { $path }: { $error }
backup-pg-tool-missing = { $program } is not installed or not on PATH: install PostgreSQL's client tools of your server's major version (on Debian: apt-get install postgresql-client-NN, NN as in `psql -c 'SHOW server_version'`)
backup-cannot-run = cannot run { $program }: { $error }
backup-pg-tool-failed = { $program } failed ({ $status }): { $said }
backup-dump-cannot-run = cannot run pg_restore to read the dump's uploads: { $error }
backup-dump-no-output = pg_restore gave no output
backup-dump-failed = pg_restore could not read the dump's uploads ({ $status }): { $said }
backup-dump-output-unreadable = cannot read pg_restore's output: { $error }
backup-dump-no-sha-column = the dump's case_files has no sha256 column: { $line }
backup-dump-row-no-sha = a row of the dump's case_files has no sha256: { $line }
backup-dump-no-case-files = the dump holds no case_files table: it is not of a Hromada database
backup-verify-missing = { $path }: missing (the manifest lists it): the backup is incomplete
backup-verify-unreadable = { $path }: cannot read it: { $error }
backup-verify-size = { $path }: { $size ->
    [one] { $size } byte
   *[other] { $size } bytes
}, but the manifest says { $expected }: the file is truncated or changed
backup-verify-changed = { $path }: its content has changed since the backup (SHA-256 differs from the manifest's)
backup-no-manifest = { $src } has no { $manifest }: it is not a finished Hromada backup (a backup writes its manifest last)
backup-no-folder = { $src }: no such folder
backup-manifest-too-large = { $path }: too large to be a manifest
backup-manifest-not-json = { $path }: not a manifest ({ $error }): the file is damaged
backup-manifest-foreign = { $path }: not the manifest of a Hromada backup
backup-manifest-newer = { $path }: backup format { $format } was made by a newer Hromada; this one reads format { $known }: use that newer version
backup-manifest-unknown-format = { $path }: backup format { $format } is not one this Hromada reads (format { $known })
backup-manifest-no-version = { $path }: it names no format_version: the file is damaged
backup-manifest-damaged = { $path }: { $error }: the file is damaged
backup-manifest-outside = { $path }: it names { $named }, a path outside the backup: refused
backup-manifest-no-database = { $path }: it names no database file of its own: the file is damaged
restore-wrong-backend = this backup is of a { $backup } database, and database_url is { $target } ({ $url }): restore it onto a database of its kind
restore-schema-newer = this backup was made by a newer Hromada ({ $version }, schema { $schema }); this one knows schema { $known } at most: restore it with that version or a newer one
restore-keys-secret-wrong = keys_secret does not open the backup's signing key { $key }: set keys_secret (HROMADA_KEYS_SECRET) to the passphrase of the installation the backup came from
restore-database-unreadable = cannot read the database: { $error }
restore-database-not-empty = the database { $url } already has { $count ->
    [one] { $count } table
   *[other] { $count } tables
}: restore needs a new, empty database (createdb), so that nothing in it is overwritten
restore-unfinished = an earlier restore into { $dir } did not finish (it left { $name }): start again on a new, empty data folder and database
restore-data-dir-not-empty = { $dir } already holds files: restore needs an empty data folder (data_dir), so that nothing in it is overwritten
restore-database-file-exists = the database file { $path } already exists: restore needs a new database (another database_url, or move that file away)
restore-changed-meanwhile = { $path }: changed while it was being restored: run the restore again
restore-cannot-copy-database = cannot copy the database to { $path }: { $error }
restore-cannot-place-database = cannot move the database into place: { $error }
restore-cannot-clear = cannot clear { $path }: { $error }
restore-cannot-move = cannot move { $path } into place: { $error }
restore-cannot-remove = cannot remove { $path }: { $error }
restore-done = Restored the backup of { $made } (Hromada { $version }, schema { $schema }) in { $seconds } s:
restore-done-database = database ({ $backend }) { $url }
restore-done-uploads = uploads: { $count ->
    [one] { $count } file
   *[other] { $count } files
}, { $size } into { $dir }
restore-done-keys = signing keys (sealed): { $count } into { $dir }
restore-cannot-open = restored, but the database { $url } cannot be opened: { $error }
restore-cannot-migrate = restored, but its schema cannot be brought up to date: { $error }
restore-audit-unreadable = restored, but the audit trail cannot be read: { $error }
restore-audit-broken = restored, but its audit trail is broken: { $error }
restore-audit-intact = audit trail intact: { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
restore-keys-unreadable = restored, but its signing keys cannot be read: { $error }
restore-key-does-not-open = restored, but the signing key { $key } does not open: { $error }. Set keys_secret to the passphrase of the installation the backup came from
restore-keys-open = signing keys in use open with keys_secret: { $count }
restore-keys-secret-unset = keys_secret is not set: set it (HROMADA_KEYS_SECRET) to the passphrase of the installation the backup came from, or documents cannot be issued and staff cannot sign in
restore-audit-row-failed = restored, but its audit row was not written: { $error }
restore-start = Start it with `hromada serve` (same configuration).
backup-key-missing = the private key { $key } is not in { $dir }, though documents of this installation name it: copy the keys folder from the instance that made it (or from an earlier backup), then back up again
restore-key-missing = restored, but the signing key { $key } is not in the backup: { $error }
