/* Sends a form marked data-auto-submit as soon as the page is read: the HTTP-POST
   bindings of login.gov.pl (and any other service that is reached by a posted form).
   Without JavaScript the form's own button does the same. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-auto-submit]").forEach(function (form) {
    form.submit();
  });
})();
