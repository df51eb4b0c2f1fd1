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
hint-only-if = Only if you answered “{ $answer }” to “{ $question }”.
hint-date = For example, 27.11.2026.
hint-max-chars = Up to { $n } { $n ->
    [one] character
   *[other] characters
  }.
hint-files = { $kinds } files, each up to { $size } MB, at most { $count }.
hint-optional = Optional.
problem-required = Fill in “{ $label }”
problem-choose = Choose an answer: “{ $label }”
problem-declaration = Tick the box to confirm
problem-file-required = Add a file: “{ $label }”
problem-too-short = “{ $label }”: write at least { $min } characters
problem-too-long = “{ $label }”: shorten the text to { $max } characters
problem-number = “{ $label }”: enter a number, like 12 or 12.5
problem-whole = “{ $label }”: enter a whole number, without a decimal point
problem-too-small = “{ $label }”: the number must be { $min } or more
problem-too-large = “{ $label }”: the number must be { $max } or less
problem-date = “{ $label }”: enter the date as day.month.year, for example 27.11.2026
problem-date-early = “{ $label }”: the date must be { $date } or later
problem-date-late = “{ $label }”: the date must be { $date } or earlier
problem-option = “{ $label }”: choose one of the answers offered
problem-phone = Enter a phone number, like 067 123 45 67 or +380 67 123 45 67
problem-email = Enter an e-mail address, like olena@ukr.net
problem-rnokpp = Enter the 10 digits of your taxpayer number (RNOKPP) as on your certificate, or your passport series and number if you refused the number
problem-edrpou = Enter the 8 digits of the EDRPOU code, as in the register extract
problem-iban = Enter the IBAN: UA and 27 digits, as in your bank’s statement
problem-id-document = Enter the passport series and number (like KA123456) or the 9 digits of the ID card
problem-too-many-files = “{ $label }”: add at most { $max } files; remove the extra ones
problem-characters = “{ $label }”: remove unprintable or unusual characters; if you pasted the text, type it in
upload-too-big = The file “{ $name }” is too big: { $size } at most. Make the photo smaller or scan at a lower resolution
upload-wrong-type = The file “{ $name }” is not { $kinds }. Add a photo or scan in one of these formats
upload-application-full = “{ $label }”: all files of an application together cannot exceed { $size }. Remove or shrink a file
upload-failed = The file could not be saved. Try again in a minute
upload-body-too-large = Too much data was sent. One file may be up to { $file }, all files of an application together up to { $all }. Go back, make the files smaller and try again.
form-malformed = The form arrived damaged. Go back and send it again.
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
draft-deleted-title = Draft deleted
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
timeline-action = { $action } — { $state }
reply-heading = Write to the community
reply-answer-heading = Send your clarification
reply-message = Message
reply-files = Files (optional)
reply-files-hint = PDF, JPG or PNG, each up to 10 MB, at most 10.
reply-send = Send
reply-sent = Your message has been sent.
reply-empty = Write a message or add a file
reply-too-long = Shorten the message to { $max } characters
reply-characters = Remove unprintable or unusual characters from the message
reply-too-many-files = Add at most { $max } files at a time
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
