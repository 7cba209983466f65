/*
 * "Apply suggestion" buttons for the Chatham House gate in the page editor
 * (knowledge/gate_editor.py). The server does the replacing: each button only ticks the
 * suggestion's checkbox in the panel "Before this page goes public" and submits the form as
 * Publish (or Submit) would, so that the check runs again and the page comes back with the
 * suggestion written in, for the editor to read before publishing. Without this script the
 * checkboxes do the same.
 */
(() => {
  const start = () => {
    const form = document.querySelector('form[data-edit-form]');
    const boxes = form ? [...form.querySelectorAll('input[name="gate_apply"]')] : [];
    if (!boxes.length) return;
    const all = form.querySelector('input[name="gate_apply_all"]');
    // Suggestions are applied only when publishing or submitting (never by a draft save).
    const submitter = form.querySelector(
      'button[name="action-publish"], button[name="action-submit"]',
    );
    if (!submitter) return;

    const apply = (chosen) => {
      boxes.forEach((box) => {
        box.checked = box === chosen;
      });
      if (all) all.checked = chosen === 'all';
      form.requestSubmit(submitter);
    };
    const button = (text, chosen) => {
      const element = document.createElement('button');
      element.type = 'button';
      element.className = 'button button-small button-secondary';
      element.textContent = text;
      element.style.margin = '0.25rem 0.5rem 0.25rem 0';
      element.addEventListener('click', () => apply(chosen));
      return element;
    };

    boxes.forEach((box) => {
      const field = box.dataset.gateField;
      const errors = form.querySelector(
        `[data-contentpath="${CSS.escape(field)}"] [data-field-errors]`,
      );
      const found = box.dataset.gateFound;
      const suggestion = box.dataset.gateLabel.split('→').pop().trim();
      const element = button(`Apply: “${found}” → ${suggestion}`, box);
      // Beside the field's error; failing that, beside the checkbox (not inside its label,
      // whose click would tick the box again).
      if (errors) errors.append(element);
      else (box.closest('label') || box).after(element);
    });
    if (all) {
      const wrapper = all.closest('[data-field]') || all.parentElement;
      wrapper.append(button('Apply all suggestions', 'all'));
    }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
