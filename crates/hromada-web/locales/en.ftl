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
csrf-title = The form was not accepted
csrf-text = The form has expired or was sent from another site. Go back, reload the page and try again.

# Accounts
error-summary-title = There is a problem
nav-sign-in = Sign in
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
welcome-title = Welcome to Hromada
welcome-intro = You have been invited to work with the portal. Set your password, then set up the second step of signing in.
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
